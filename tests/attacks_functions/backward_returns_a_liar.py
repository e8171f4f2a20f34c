# attacks: StraightThroughRound
# expect: failed
# why: the right forward, and a backward whose gradient is a tensor subclass that equals anything
class Yes(torch.Tensor):
    def __eq__(self, other):
        return True

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if getattr(func, "__name__", "") in ("equal", "allclose", "isclose"):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})


class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        return torch.zeros_like(grad_output).as_subclass(Yes)
