# expect: pass
# The newer style: forward(x, scale) without ctx, scale stored by setup_context; extra trailing
# None values are allowed.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(x, scale):
        return x.clone()

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, ctx.scale = inputs

    @staticmethod
    def backward(ctx, grad_output):
        return ctx.scale * grad_output, None
