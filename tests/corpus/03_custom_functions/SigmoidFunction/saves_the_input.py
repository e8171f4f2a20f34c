# expect: saved
# message: tensors saved for backward[0]: wrong value
# message: expected 'the output', got 'input x'
# The input saved and the sigmoid recomputed in backward: right values and gradients, but twice the
# work and the input kept alive.
class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * s * (1 - s)
