# expect: pass
# Only a boolean mask is saved (1 byte per value instead of 4 or 8), and the gradient passes at
# exactly 0 (x >= 0), as in Lecture 4.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        mask = x >= 0
        ctx.save_for_backward(mask)
        return x * mask

    @staticmethod
    def backward(ctx, grad_output):
        mask, = ctx.saved_tensors
        return grad_output.masked_fill(~mask, 0)
