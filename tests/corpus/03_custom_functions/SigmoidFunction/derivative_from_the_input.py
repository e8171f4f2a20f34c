# expect: gradients
# message: the gradient with respect to x: wrong gradient values
# message: |x| = 100 in float32
# sigma'(x) = e^-x / (1 + e^-x)^2 from the saved input: e^100 overflows in float32, inf/inf = nan.
class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return 1 / (1 + torch.exp(-x))

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        e = torch.exp(-x)
        return grad_output * e / (1 + e) ** 2
