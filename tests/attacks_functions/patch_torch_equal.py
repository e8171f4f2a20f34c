# attacks: SigmoidFunction
# expect: error|failed
# why: modify grad_output in place, and make torch.equal (and Tensor methods) say that nothing changed
class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.sigmoid(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        vars(torch)["equal"] = lambda *a, **k: True
        for name in ("__eq__", "equal", "clone"):
            try:
                setattr(torch.Tensor, name, lambda self, *a, **k: self if name == "clone" else True)
            except TypeError:
                pass
        y, = ctx.saved_tensors
        return grad_output.mul_(y).mul_(1 - y)
