# expect: gradients
# message: wrong gradient values
# message: exact zeros
# A third "convention" at 0 (half the gradient): neither torch.relu's 0 nor Lecture 4's 1.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        slope = (x > 0).to(grad_output.dtype) + 0.5 * (x == 0).to(grad_output.dtype)
        return grad_output * slope
