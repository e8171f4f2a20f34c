# expect: ctx
# message: ctx.mask (a list)
# The mask kept on ctx as a Python list (to "save memory"), rebuilt as a tensor in backward.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.mask = (x > 0).tolist()
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        mask = torch.tensor(ctx.mask, dtype=grad_output.dtype, device=grad_output.device)
        return grad_output * mask
