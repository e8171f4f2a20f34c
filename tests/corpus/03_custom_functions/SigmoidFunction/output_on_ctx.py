# expect: ctx
# message: ctx.y (a tensor)
# The output kept as a ctx attribute: a reference cycle output -> grad_fn -> ctx -> output.
class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.sigmoid(x)
        ctx.y = y
        return y

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.y * (1 - ctx.y)
