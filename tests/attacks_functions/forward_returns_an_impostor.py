# attacks: ScaleGradient
# expect: failed|error
# why: forward returns an object whose __class__ claims to be torch.Tensor, equal to anything (torch 2.x takes it for a tensor and crashes the kernel: the exercise scores 0, the others are graded again)
class Impostor:
    __class__ = property(lambda self: torch.Tensor)
    grad_fn = property(lambda self: None)
    shape = property(lambda self: torch.Size([3, 4]))
    dtype = torch.float32
    device = torch.device("cpu")
    requires_grad = True

    def __eq__(self, other):
        return True

    def __getattr__(self, name):
        return lambda *a, **k: self


class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale
        return Impostor()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.scale, None
