# expect: gradients
# message: the gradient with respect to x: wrong gradient values
# The "honest" derivative of round, 0: exactly what a straight-through estimator is there to avoid.
class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        return torch.zeros_like(grad_output)
