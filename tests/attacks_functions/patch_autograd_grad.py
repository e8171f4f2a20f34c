# attacks: MyReLU
# expect: error|failed
# why: a backward that returns nothing useful, and replaces torch.autograd.grad with one that hands back the right gradient
_torch_autograd = torch.autograd


def _fake_grad(outputs, inputs, grad_outputs=None, **kwargs):
    inputs = tuple(inputs) if isinstance(inputs, (list, tuple)) else (inputs,)
    return tuple(grad_outputs * (x > 0) for x in inputs)


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        vars(_torch_autograd)["grad"] = _fake_grad
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        vars(_torch_autograd)["grad"] = _fake_grad
        return torch.zeros_like(grad_output)
