# expect: pass
# Forward with the fused addmm (as F.linear did in 2019); backward returns two gradients when the
# bias was omitted, three otherwise; the bias gradient as a product with a ones vector built on
# grad_output's device.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        if bias is None:
            return x.matmul(weight.t())
        return torch.addmm(bias, x, weight.t())

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grads = [grad_output.matmul(weight) if needs[0] else None,
                 grad_output.t().matmul(x) if needs[1] else None]
        if len(needs) == 3:
            grads.append(grad_output.new_ones(grad_output.shape[0]) @ grad_output if needs[2] else None)
        return tuple(grads)
