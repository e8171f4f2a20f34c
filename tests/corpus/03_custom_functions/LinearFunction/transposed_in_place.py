# expect: grad_output
# message: expected 'unchanged', got 'changed in place'
# t_() where t() was meant: grad_output itself is transposed in place (no copy), and the bias
# gradient then sums over its other dimension.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_x = grad_output.mm(weight) if needs[0] else None
        grad_t = grad_output.t_()
        grad_weight = grad_t.mm(x) if needs[1] else None
        grad_bias = grad_t.sum(1) if len(needs) > 2 and needs[2] else None
        return grad_x, grad_weight, grad_bias
