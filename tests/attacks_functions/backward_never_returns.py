# attacks: ScaleGradient
# expect: timeout
# why: the right forward, and a backward that never returns (and swallows the timeout's exception)
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        while True:
            try:
                while True:
                    pass
            except BaseException:
                pass
