# expect: values
# message: the output: wrong values
# message: floor(x + 0.5) rounds every tie up
class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.floor(x + 0.5)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output
