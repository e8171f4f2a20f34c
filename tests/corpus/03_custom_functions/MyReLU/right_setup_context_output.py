# expect: pass
# The newer style (forward without ctx, setup_context), the output saved, once_differentiable.
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return torch.relu(x)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad_output):
        y, = ctx.saved_tensors
        return torch.where(y > 0, grad_output, torch.zeros_like(grad_output))
