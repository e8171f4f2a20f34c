# expect: another_call
# message: the gradients of a first call, when backward runs after a second call[0]: wrong values
# scale kept on the class, shared by every call: the last call's scale wins.
class ScaleGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ScaleGradient.scale = scale
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ScaleGradient.scale, None
