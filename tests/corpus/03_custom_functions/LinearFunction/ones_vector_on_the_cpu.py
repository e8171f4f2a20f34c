# expect: backward_device
# message: returns gradients on another device
# The bias gradient as a product with torch.ones(N), a CPU vector whatever the device.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_x = grad_output.mm(weight) if needs[0] else None
        grad_weight = grad_output.t().mm(x) if needs[1] else None
        grad_bias = None
        if len(needs) > 2 and needs[2]:
            grad_bias = torch.ones(grad_output.shape[0], dtype=grad_output.dtype) @ grad_output
        return grad_x, grad_weight, grad_bias
