# expect: gradients
# message: float64 gradcheck could not run your function
# message: invalid gradient at index 1 - got [3, 2] but expected shape compatible with [2, 3]
# dL/dw computed as x^T dL/ds, the transpose of the right (out, in) gradient.
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
        grad_weight = x.t().mm(grad_output) if needs[1] else None
        grad_bias = grad_output.sum(0) if len(needs) > 2 and needs[2] else None
        return grad_x, grad_weight, grad_bias
