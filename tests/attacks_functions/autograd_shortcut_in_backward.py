# attacks: MyReLU
# expect: failed
# why: the reference's gradient, computed by autograd on torch.relu inside backward, through torch.func to look less like autograd
_func = torch.func


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.relu(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        _, vjp = _func.vjp(torch.relu, x.detach())
        return vjp(grad_output)[0]
