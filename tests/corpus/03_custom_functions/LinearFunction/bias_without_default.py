# expect: raised
# message: raised TypeError
# forward(ctx, x, weight, bias) without the default: LinearFunction.apply(x, weight) fails.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias):
        ctx.save_for_backward(x, weight)
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return (grad_output.mm(weight) if needs[0] else None, grad_output.t().mm(x) if needs[1] else None,
                grad_output.sum(0) if needs[2] else None)
