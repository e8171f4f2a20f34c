# expect: pass
# The bias gradient summed with Python's sum over the rows (a loop of additions, no reduction op):
# slow, but right, and computed only when needed.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        ctx.with_bias = bias is not None
        y = x @ weight.T
        if bias is not None:
            y += bias
        return y

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        n = ctx.needs_input_grad
        gb = None
        if ctx.with_bias and n[2]:
            gb = sum(grad_output[i] for i in range(grad_output.shape[0]))
        return (grad_output @ weight if n[0] else None, grad_output.T @ x if n[1] else None, gb)
