# expect: values
# message: ties rounded away from zero
# C's round(): the magnitude rounded half up, the sign put back.
class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.sign(x) * torch.floor(torch.abs(x) + 0.5)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output
