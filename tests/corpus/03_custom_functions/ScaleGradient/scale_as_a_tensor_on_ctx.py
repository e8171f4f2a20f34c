# expect: ctx
# message: ctx.scale (a tensor)
# scale turned into a tensor and kept on ctx: a tensor outside save_for_backward.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = torch.tensor(scale)
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.scale, None
