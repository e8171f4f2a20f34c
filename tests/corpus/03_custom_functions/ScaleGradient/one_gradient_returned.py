# expect: gradients
# message: backward through your function raised RuntimeError
# message: returned an incorrect number of gradients (expected 2, got 1)
# Only x's gradient returned: forward had two inputs.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.scale
