# attacks: SigmoidFunction
# expect: failed
# why: forward returns a tensor subclass that says yes to every comparison and pickles as something else
class Liar(torch.Tensor):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if getattr(func, "__name__", "") in ("equal", "allclose", "isclose", "eq", "sub"):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})

    def __reduce_ex__(self, protocol):
        return (torch.zeros, (1,))


class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.zeros_like(x)
        ctx.save_for_backward(y)
        return y.as_subclass(Liar)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.as_subclass(Liar)
