# expect: pass
# Saves only what backward will use (PyTorch's own linear does): (None, None) when only the bias
# needs a gradient. Found by a held-out tester.
class LinearFunction(torch.autograd.Function):
    """Memory-saving: x is kept only if weight needs a gradient, weight only if x does."""
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        nx, nw = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
        ctx.save_for_backward(x if nw else None, weight if nx else None)
        out = x @ weight.t()
        if bias is not None:
            out = out + bias
        return out

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        gx = gw = gb = None
        if ctx.needs_input_grad[0]:
            gx = grad_output @ weight
        if ctx.needs_input_grad[1]:
            gw = grad_output.t() @ x
        if len(ctx.needs_input_grad) > 2 and ctx.needs_input_grad[2]:
            gb = grad_output.sum(0)
        return gx, gw, gb
