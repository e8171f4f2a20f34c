# expect: autograd
# message: autograd inside backward: wrong value
# message: runs the autograd engine
# backward asks autograd for torch.relu's gradient instead of writing it.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.relu(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        with torch.enable_grad():
            leaf = x.detach().requires_grad_()
            return torch.autograd.grad(torch.relu(leaf), leaf, grad_output)[0]
