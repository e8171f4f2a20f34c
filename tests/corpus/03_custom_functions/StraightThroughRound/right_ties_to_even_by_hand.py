# expect: pass
# Ties to even written out: round up past .5, and at exactly .5 only when the floor is odd.
class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        low = torch.floor(x)
        frac = x - low
        up = (frac > 0.5) | ((frac == 0.5) & (torch.remainder(low, 2) == 1))
        return low + up.to(x.dtype)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.clone()
