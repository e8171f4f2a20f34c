# attacks: MyReLU
# expect: failed|error
# why: mask grad_output in place, and make the node's apply (what a direct call of backward goes through) hand backward a copy
_node = torch.autograd.function.BackwardCFunction
_real_apply = _node.apply


def _apply_on_copies(self, *args):
    return _real_apply(self, *(a.clone() if isinstance(a, torch.Tensor) else a for a in args))


try:
    _node.apply = _apply_on_copies
except TypeError:
    pass


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        grad_output[x < 0] = 0
        return grad_output
