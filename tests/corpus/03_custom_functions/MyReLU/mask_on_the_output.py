# expect: gradients
# message: the gradient with respect to x: wrong gradient values
# The output is saved, then masked where it is negative: a ReLU's output never is, so nothing is
# masked and the gradient passes everywhere.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = x.clamp(min=0)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        y, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[y < 0] = 0
        return grad_input
