# expect: pass
# sigma(x) = (1 + tanh(x / 2)) / 2, and sigma' = y - y^2.
class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = 0.5 * (1 + torch.tanh(0.5 * x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        y, = ctx.saved_tensors
        return grad_output * (y - y * y)
