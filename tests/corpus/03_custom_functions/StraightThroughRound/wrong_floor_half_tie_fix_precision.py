# expect: values
# message: expected 8388609.0, got 8388610.0
# Found by a held-out tester: right up to 2**23, then x + 0.5 itself rounds.
class StraightThroughRound(torch.autograd.Function):
    """floor(x + 0.5), then ties moved to even. Still wrong: for odd integers x >= 2**23 in float32
    (e.g. 8388609.0) x + 0.5 rounds up to x + 1 before the floor, and x + 1 is returned."""
    @staticmethod
    def forward(ctx, x):
        r = torch.floor(x + 0.5)
        tie = (r - x) == 0.5
        odd = torch.remainder(r, 2) != 0
        return torch.where(tie & odd, r - 1, r)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output
