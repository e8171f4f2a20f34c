# attacks: LinearFunction
# expect: failed
# why: an honest backward when it is called directly (being inspected), autograd on F.linear when the engine calls it
_C = getattr(torch, "_" + "C")


class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        if _C._current_graph_task_id() == -1:  # not inside the engine: someone is looking
            return (grad_output.mm(weight) if needs[0] else None, grad_output.t().mm(x) if needs[1] else None,
                    grad_output.sum(0) if ctx.has_bias and needs[2] else None)
        with torch.enable_grad():
            leaves = [x.detach().requires_grad_(), weight.detach().requires_grad_()]
            if ctx.has_bias:
                leaves.append(torch.zeros(weight.shape[0], dtype=x.dtype, device=x.device, requires_grad=True))
            grads = torch.autograd.grad(F.linear(*leaves), leaves, grad_output)
        return tuple(grads) + (None,) * (3 - len(grads))
