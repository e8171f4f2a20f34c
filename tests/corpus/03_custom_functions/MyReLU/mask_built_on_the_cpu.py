# expect: backward_device
# message: backward on tensors of another device (meta): wrong value
# message: mixes devices
# The 0/1 mask is built with torch.ones/torch.zeros, on the CPU whatever the inputs' device.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        ones = torch.ones(x.shape, dtype=grad_output.dtype)
        zeros = torch.zeros(x.shape, dtype=grad_output.dtype)
        return grad_output * torch.where(x > 0, ones, zeros)
