# expect: autograd
# message: runs the autograd engine
# backward lets autograd differentiate F.linear instead of applying the formulas.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight, bias)
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight, bias = ctx.saved_tensors
        with torch.enable_grad():
            leaves = [t.detach().requires_grad_() if t is not None else None for t in (x, weight, bias)]
            out = F.linear(*leaves)
            used = [t for t in leaves if t is not None]
            grads = list(torch.autograd.grad(out, used, grad_output))
        return tuple(grads) + (None,) * (3 - len(grads))
