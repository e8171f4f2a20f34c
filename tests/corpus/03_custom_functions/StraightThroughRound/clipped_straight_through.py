# expect: gradients
# message: wrong gradient values
# The "hard tanh" variant used for binarized networks: the gradient is cut where |x| > 1. This
# contract asks for the plain identity.
class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * (x.abs() <= 1)
