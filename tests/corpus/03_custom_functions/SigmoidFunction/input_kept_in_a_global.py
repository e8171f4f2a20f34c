# expect: another_call
# message: the gradients of a first call, when backward runs after a second call[0]: wrong values
# The output is saved as asked, but backward works from the input, kept in a global dict: after a
# second call it reads the second call's input.
_inputs = {}


class SigmoidFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.sigmoid(x)
        ctx.save_for_backward(y)
        _inputs["x"] = x
        return y

    @staticmethod
    def backward(ctx, grad_output):
        s = torch.sigmoid(_inputs["x"])
        return grad_output * s * (1 - s)
