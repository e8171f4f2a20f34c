# expect: raised
# message: raised TypeError
# message: save_for_backward can only save variables
# save_for_backward is for tensors; a Python float goes on ctx.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.save_for_backward(scale)
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        scale, = ctx.saved_tensors
        return grad_output * scale, None
