# attacks: Net
# expect: failed
# why: a class whose constructor returns an object that only claims to be an nn.Module (its __class__ lies) and carries made-up registrations
class _Impostor:
    @property
    def __class__(self):
        return nn.Module

    def __init__(self):
        real = nn.Sequential()
        self._parameters = {"conv1.weight": nn.Parameter(torch.zeros(32, 1, 5, 5))}
        self._buffers, self._modules, self.training = {}, {}, True
        self._real = real

    def parameters(self):
        return iter(self._parameters.values())

    def state_dict(self):
        return dict(self._parameters)

    def __call__(self, x):
        return torch.zeros(x.shape[0], 10, dtype=x.dtype, device=x.device)


class Net(nn.Module):
    def __new__(cls, *args, **kwargs):
        return _Impostor()
