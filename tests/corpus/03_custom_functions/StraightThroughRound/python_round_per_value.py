# expect: forbidden
# message: uses NumPy arrays or Python lists (.numpy(), .tolist()), which this exercise forbids
# Python's round (ties to even, right values) value by value: the result is built on the CPU.
class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        flat = [float(round(v)) for v in x.detach().reshape(-1).tolist()]
        return torch.tensor(flat, dtype=x.dtype).reshape(x.shape)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output
