# attacks: LinearFunction
# expect: error|failed
# why: ignore ctx.needs_input_grad, and replace the checking library's Function probes with ones that report an honest backward
_probes = getattr(torch, "sys").modules["autograder.checks.probes.functions"]
_real_direct = _probes.direct_backward


def _honest(*args, **kwargs):
    facts = _real_direct(*args, **kwargs)
    facts["grad_output changed"] = False
    return facts


for _name, _value in (("unneeded_gradients", lambda *a, **k: []), ("direct_backward", _honest)):
    try:
        setattr(_probes, _name, _value)
    except Exception:
        pass


class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        setattr(_probes, "unneeded_gradients", lambda *a, **k: [])
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        grad_bias = grad_output.sum(0) if ctx.has_bias else None
        return grad_output.mm(weight), grad_output.t().mm(x), grad_bias
