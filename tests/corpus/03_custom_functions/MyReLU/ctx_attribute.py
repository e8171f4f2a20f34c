# expect: ctx
# message: data kept as attributes of ctx
# message: ctx.x (a tensor)
# The input kept as an attribute of ctx instead of with ctx.save_for_backward: PyTorch's version
# check (and freeing after backward) only applies to saved tensors.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.x = x
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * (ctx.x > 0)
