# expect: autograd
# message: expected a tensor that requires grad, got requires_grad=False
# Rounding "is not differentiable", so the output is marked as such: no gradient at all then.
class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.round(x)
        ctx.mark_non_differentiable(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output
