# expect: returns
# message: what backward returns (called directly)[2]: wrong value
# message: expected 'a tensor of shape (2,)', got 'a tensor of shape (4, 2)'
# grad_output returned as the bias gradient, (N, out) instead of (out,). Autograd quietly sums it
# to the bias's shape, so the gradients come out right; backward itself returns the wrong shape.
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
        grad_weight = grad_output.t().mm(x) if needs[1] else None
        grad_bias = grad_output if len(needs) > 2 and needs[2] else None
        return grad_x, grad_weight, grad_bias
