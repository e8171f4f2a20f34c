# expect: another_call
# message: the gradients of a first call, when backward runs after a second call[0]: wrong values
# The weight kept on the class rather than saved: the last call's weight is used.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x)
        LinearFunction._w = weight
        ctx.b = bias is not None
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        weight = LinearFunction._w
        n = ctx.needs_input_grad
        return (grad_output @ weight if n[0] else None, grad_output.t() @ x if n[1] else None,
                grad_output.sum(0) if ctx.b and n[2] else None)
