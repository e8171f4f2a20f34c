# expect: gradients
# message: scale=-1.0 (gradient reversal)
# abs(scale): the gradient is never reversed.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = abs(scale)
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.scale, None
