# expect: gradients
# message: returned a gradient different than None at position 2
# A "gradient" for scale too: scale is a Python float, autograd refuses anything but None.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.scale, torch.zeros((), dtype=grad_output.dtype)
