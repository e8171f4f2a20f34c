# expect: needs_input_grad
# message: bias (ctx.needs_input_grad[2] is False)
# x and weight honour ctx.needs_input_grad, but the bias gradient is computed whenever there is a
# bias, even a frozen one.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight, bias)
        out = x.mm(weight.t())
        return out if bias is None else out + bias

    @staticmethod
    def backward(ctx, grad_output):
        x, weight, bias = ctx.saved_tensors
        grad_x = grad_output.mm(weight) if ctx.needs_input_grad[0] else None
        grad_weight = grad_output.t().mm(x) if ctx.needs_input_grad[1] else None
        grad_bias = grad_output.sum(0) if bias is not None else None
        return grad_x, grad_weight, grad_bias
