# attacks: RunningMean
# expect: failed
# why: forward returns a tensor subclass whose comparisons always succeed and whose __class__ says torch.Tensor, and registers its buffer as one too
class Liar(torch.Tensor):
    def __eq__(self, other):
        return True

    @property
    def __class__(self):
        return torch.Tensor

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if getattr(func, "__name__", "") in ("equal", "allclose", "isclose", "eq"):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})


class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.register_buffer("running_mean", torch.zeros(num_features).as_subclass(Liar))

    def forward(self, x):
        return torch.zeros_like(x).as_subclass(Liar)
