# expect: ctx
# message: ctx.weight (a tensor)
# message: ctx.x (a tensor)
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.x, ctx.weight, ctx.has_bias = x, weight, bias is not None
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        needs = ctx.needs_input_grad
        return (grad_output @ ctx.weight if needs[0] else None, grad_output.t() @ ctx.x if needs[1] else None,
                grad_output.sum(0) if ctx.has_bias and needs[2] else None)
