# attacks: MyReLU
# expect: failed
# why: leave grad_output alone when backward is called directly (inspected), mask it in place when the autograd engine calls it
_C = getattr(torch, "_" + "C")


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        if _C._current_graph_task_id() == -1:
            return grad_output * (x > 0)
        grad_output[x < 0] = 0
        return grad_output
