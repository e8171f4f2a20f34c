# expect: saved
# message: expected 'the output', got 'a computed tensor of shape (2, 5)'
# A copy of the output saved "to be safe": the output's memory twice.
class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.sigmoid(x)
        ctx.save_for_backward(y.clone())
        return y

    @staticmethod
    def backward(ctx, grad_output):
        y, = ctx.saved_tensors
        return grad_output * y * (1 - y)
