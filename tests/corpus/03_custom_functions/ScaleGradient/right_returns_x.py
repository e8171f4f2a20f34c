# expect: pass
# forward returns x itself (autograd turns it into a view); backward uses Tensor.mul.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = float(scale)
        return x

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.mul(ctx.scale), None
