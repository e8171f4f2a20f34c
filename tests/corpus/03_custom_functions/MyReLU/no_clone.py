# expect: grad_output
# message: grad_output after backward: wrong value
# message: expected 'unchanged', got 'changed in place'
# Lecture 4's backward without its clone(): the incoming gradient itself is masked in place.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_y):
        x, = ctx.saved_tensors
        grad_y[x < 0] = 0
        return grad_y
