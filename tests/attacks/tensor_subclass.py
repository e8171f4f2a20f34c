# attacks: pairwise_sq_dists
# expect: failed
# why: return a tensor subclass that says yes to every comparison, whatever torch function runs on it
class Liar(torch.Tensor):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if func.__name__ in ("equal", "allclose", "isclose", "eq"):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})

    def __reduce_ex__(self, protocol):
        return (torch.zeros, (1,))


def pairwise_sq_dists(x, y):
    return torch.zeros(x.shape[0], y.shape[0]).as_subclass(Liar)
