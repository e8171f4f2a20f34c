# expect: values
# message: the bias was not added
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        return x @ weight.t()

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return (grad_output @ weight if needs[0] else None, grad_output.t() @ x if needs[1] else None,
                grad_output.sum(0) if len(needs) > 2 and needs[2] else None)
