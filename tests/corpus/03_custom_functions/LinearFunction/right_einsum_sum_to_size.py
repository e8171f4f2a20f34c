# expect: pass
# Index notation for the products, broadcasting for dL/dw, sum_to_size for the bias, a ctx flag.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        out = torch.einsum("ni,oi->no", x, weight)
        return out + bias if ctx.has_bias else out

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        need_x, need_w = ctx.needs_input_grad[:2]
        need_b = ctx.has_bias and ctx.needs_input_grad[2]
        grad_x = torch.einsum("no,oi->ni", grad_output, weight) if need_x else None
        grad_w = (grad_output.unsqueeze(2) * x.unsqueeze(1)).sum(0) if need_w else None
        grad_b = grad_output.sum_to_size(weight.shape[0]) if need_b else None
        return grad_x, grad_w, grad_b
