# expect: needs_input_grad
# message: gradients computed although ctx.needs_input_grad says they are not needed
# message: weight (ctx.needs_input_grad[1] is False)
# Every gradient computed every time; autograd throws away the ones nobody needs.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        grad_bias = grad_output.sum(0) if ctx.has_bias else None
        return grad_output @ weight, grad_output.t() @ x, grad_bias
