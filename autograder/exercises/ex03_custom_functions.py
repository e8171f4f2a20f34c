"""03_custom_functions: torch.autograd.Function subclasses (Lecture 4 "Defining New Autograd
Functions"; PyTorch.Next "Functions"; EE-559 4.3, the backward of a linear layer).

Each answer is a Function subclass, called through torch's own `apply` (probes/functions.py). The
references are Functions too, whose forward is the op the curriculum names (torch.relu, F.linear,
torch.sigmoid, torch.round, the identity), so that what PyTorch keeps of a call (the graph node,
the saved tensors, what backward does when called) is observed the same way on both sides.

Per case, in the judge's order: the output (type, shape, dtype, device, values), the float64
gradcheck of the answer's backward against its own forward (MyReLU, LinearFunction,
SigmoidFunction), the gradients against the reference's backward, then the facts below (`extras`),
in the order the reference's dict lists them:

- ctx: no tensor, NumPy array or list kept as an attribute of ctx (PyTorch's rule: tensors for
  backward go through ctx.save_for_backward; ctx holds small non-tensor values only);
- saved: what ctx.save_for_backward holds (MyReLU, LinearFunction: something; SigmoidFunction:
  exactly its output);
- returns: what backward returns, called directly: a gradient of each input's own shape for the
  inputs that need one, None for non-tensor inputs (ScaleGradient's `scale`, a bias of None);
- needs_input_grad (LinearFunction): no gradient computed for an input that does not need one,
  on the ops backward runs (probes.functions.unneeded_gradients);
- another_call: what backward returns for a call after the Function was applied to other inputs
  (state kept on the class or in a global, not in ctx, fails here);
- grad_output: not modified in place by backward, whether called directly or by the engine;
- autograd: backward does not run the autograd engine (or forward-mode AD) itself;
- leaves_torch: backward takes no data out of torch (.numpy(), .tolist()); forward is held to the
  same by the rules (`forbidden`), with autograd in forward (`no_autograd`);
- engine: backward runs the same ops when the engine calls it as when it is called directly (a
  backward that behaves differently when it is inspected fails here);
- backward_device: on the meta cases, backward runs on the tensors' device (a tensor created on
  the CPU inside backward fails there, as it would on a GPU).
"""
from __future__ import annotations

import functools

import torch
import torch.nn.functional as F

from ..checks.cases import DTYPES, pick, randn, size, strided, transposed
from ..checks.probes import functions
from ..checks.registry import register
from ..checks.spec import Case, Exercise, Forbid, Mistake

A = "03_custom_functions"

# What an error says when code mixes devices (the same words the judge looks for on meta cases).
_DEVICE_WORDS = ("on the same device", "not on the expected device")
# ctx attributes that keep data outside save_for_backward.
_DATA = ("a tensor", "a NumPy array", "a list")


# ---- calling the answer and the references ----------------------------------------------------

def _on_graph(args) -> list:
    """On meta tensors (device placement: no values, no gradients compared) the floating inputs
    are made to require grad, so that forward builds a graph node and backward can be called on the
    meta device too (`backward_device`)."""
    return [a.requires_grad_() if isinstance(a, torch.Tensor) and a.device.type == "meta" and a.is_floating_point()
            and a.is_leaf else a for a in args]


def _call(apply, *args, **kwargs):
    return apply(*_on_graph(args), **kwargs)


def _adapter(answer):
    """The answer's own `apply` (probes.functions.adapter), with meta inputs put on the graph."""
    return functools.partial(_call, functions.adapter(answer))


def _reference(fn):
    return functools.partial(_call, fn.apply)


# Every Function works on any device: data taken out of torch (to NumPy or Python lists) comes back
# on the CPU. Forward is checked by the rules on its recorded calls, backward by `leaves_torch`.
_LEAVE_TORCH = Forbid("NumPy arrays or Python lists (.numpy(), .tolist())", functions=("numpy", "tolist", "__array__"),
                      hint="Stay in torch: .numpy() and .tolist() copy the data to the CPU (they fail on a GPU, "
                           "and on meta tensors), and nothing autograd or the device can follow comes back.")


# ---- the facts every exercise checks ----------------------------------------------------------

def _ctx_data(out) -> list:
    """'name (what it holds)' for every ctx attribute that keeps data: a tensor, an array, a list,
    or a container holding tensors or arrays."""
    return sorted(f"ctx.{name} ({kind})" for name, kind in functions.ctx_attributes(out).items()
                  if kind.startswith(_DATA) or " holding " in kind)


def _returns(direct: dict, args) -> list:
    """What backward returned for each input: a tensor's shape where the input needs a gradient;
    "not needed" for a tensor input that does not (whatever backward returns there is dropped);
    exactly what it returned for a non-tensor input (it must be None). Beyond forward's inputs
    autograd allows extra Nones (a backward written for a bias may return three values when the
    bias was omitted): those are left out, anything else is kept."""
    needs = direct["needs_input_grad"]
    out = []
    for i, r in enumerate(direct["returns"]):
        if i >= len(needs) and needs:
            if r != "None":
                out.append(r)
            continue
        tensor_input = i < len(args) and isinstance(args[i], torch.Tensor)
        out.append("not needed" if tensor_input and i < len(needs) and not needs[i] else r)
    return out


def _engine_text(direct: dict, engine: dict) -> str:
    if engine["ops"] is None:
        return "not compared on this device"
    if direct["ops"] == engine["ops"]:
        return "the same ops"
    a, b = direct["ops"], engine["ops"]
    diff = sorted(op for op in set(a) | set(b) if a.get(op, 0) != b.get(op, 0))
    shown = ", ".join(f"{op}: {a.get(op, 0)} called directly, {b.get(op, 0)} by the engine" for op in diff[:4])
    return "other ops (" + shown + (", ..." if len(diff) > 4 else "") + ")"


def _backward_device(out, case: Case, recorder) -> str:
    """On a meta case (no gradients are compared there), call backward with a meta grad_output."""
    if case.device != "meta" or functions.node(out) is None:
        return "not checked here"
    try:
        returns = functions.direct_backward(out, torch.zeros_like(out), recorder)["returns"]
    except Exception as exc:  # noqa: BLE001 (an error on meta is only a bug when it names devices)
        message = str(exc)
        if any(words in message for words in _DEVICE_WORDS):
            return "mixes devices: " + message.splitlines()[0][:200]
        return "runs on the inputs' device"
    elsewhere = [f"gradient {i} is {r[2:]}" for i, r in enumerate(returns) if " on " in r]
    if elsewhere:  # e.g. torch.ones(n) @ grad_output: a CPU vector times a meta matrix gives a CPU tensor
        return "returns gradients on another device: " + "; ".join(elsewhere)
    return "runs on the inputs' device"


def _facts(out, case: Case, args, recorder) -> dict:
    """grad_output, autograd and engine, from backward called directly and by the engine."""
    direct = functions.direct_backward(out, case.grad_output, recorder)
    engine = functions.engine_backward(out, args, case.grad_output, recorder)
    changed = direct["grad_output changed"] or engine["grad_output changed"]
    return {"direct": direct,
            "grad_output": "changed in place" if changed else "unchanged",
            "autograd": "runs the autograd engine" if direct["autograd"] else "no autograd inside",
            "leaves_torch": [f"Tensor.{f}()" for f in direct["left_torch"]],
            "engine": _engine_text(direct, engine)}


def _saved_something(out, args, names) -> str:
    saved = functions.saved_tensors(out, args, names)
    if saved == ["no graph node"]:
        return "no graph node"
    return "tensors saved with ctx.save_for_backward" if any(s != "None" for s in saved) else \
        "nothing saved with ctx.save_for_backward"


def _after_another_call(out, case, args, recorder, direct: dict) -> list:
    """The gradients backward returns for this call after the Function was applied to other inputs
    (probes.functions.backward_after_another_call), "not needed" where ctx.needs_input_grad is
    False (anything may be returned there), trailing Nones beyond forward's inputs left out."""
    grads = functions.backward_after_another_call(out, args, case.kwargs, case.grad_output, recorder)
    needs = direct["needs_input_grad"]
    shown = []
    for i, g in enumerate(grads):
        if i >= len(needs):
            if g is not None:
                shown.append(g)
        elif not needs[i] and i < len(args) and isinstance(args[i], torch.Tensor):
            shown.append("not needed")
        else:
            shown.append(g)
    return shown


def _common(out, case, args, recorder, facts) -> dict:
    return {"returns": _returns(facts["direct"], args),
            "another_call": _after_another_call(out, case, args, recorder, facts["direct"]),
            "grad_output": facts["grad_output"], "autograd": facts["autograd"],
            "leaves_torch": facts["leaves_torch"], "engine": facts["engine"],
            "backward_device": _backward_device(out, case, recorder)}


_TEXT = {
    "ctx": ("data kept as attributes of ctx",
            "Keep the tensors backward needs with ctx.save_for_backward(...) and read them back with "
            "ctx.saved_tensors; ctx attributes are for small non-tensor values (a float, a flag, a "
            "shape). PyTorch checks saved tensors for in-place changes and frees them after backward; "
            "it does neither for ctx attributes."),
    "saved": ("tensors saved for backward",
              "Save what backward needs with ctx.save_for_backward(...) in forward (or setup_context)."),
    "another_call": ("the gradients of a first call, when backward runs after a second call",
                     "backward must read what it needs from ctx (ctx.saved_tensors, ctx attributes) only: "
                     "state kept on the class or in a global variable belongs to whichever call came last, "
                     "and a network applies a Function many times before the backward pass."),
    "returns": ("what backward returns (called directly)",
                "backward returns one gradient per input of forward, in order: each of its input's own "
                "shape, and None for an input that is not a tensor (a Python number, a bias of None)."),
    "grad_output": ("grad_output after backward",
                    "Never modify grad_output in place (grad_output[mask] = 0, grad_output.mul_(...)): "
                    "autograd may pass the same tensor to other nodes of the graph. Compute a new "
                    "tensor (grad_output * mask, torch.where(...)) or clone() it first."),
    "autograd": ("autograd inside backward",
                 "backward computes the gradient itself, by the formula: no torch.autograd.grad, "
                 ".backward() or torch.func inside it."),
    "leaves_torch": ("data taken out of torch in backward",
                     "Stay in torch in backward: .numpy() and .tolist() copy the data to the CPU, so the "
                     "Function fails on a GPU."),
    "engine": ("ops backward runs when autograd calls it, compared with a direct call",
               "backward must compute the same thing however it is called: it may not look at who "
               "calls it."),
    "backward_device": ("backward on tensors of another device (meta)",
                        "Create the tensors backward needs on grad_output's device: torch.ones_like, "
                        "x.new_ones(...), or device=grad_output.device, never a tensor on the CPU."),
}


# ---- MyReLU -----------------------------------------------------------------------------------

class _ReLU(torch.autograd.Function):
    """torch.relu's values and gradient: 0 where x <= 0 (at exactly 0 too)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.relu(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * (x > 0)


class _ReLUPassAtZero(_ReLU):
    """Lecture 4's convention: the gradient is zeroed only where x < 0, so at exactly 0 it passes."""

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return torch.where(x < 0, torch.zeros_like(grad_output), grad_output)


def _relu_extras(out, case, args, recorder):
    facts = _facts(out, case, args, recorder)
    return {"ctx": _ctx_data(out), "saved": _saved_something(out, args, ("x",)),
            **_common(out, case, args, recorder, facts)}


def _with_zeros(gen, *shape, dtype=torch.float32):
    """Random values with exact zeros (and a -0.0) at fixed places: where ReLU's convention shows."""
    x = randn(gen, *shape, dtype=dtype)
    flat = x.view(-1)
    flat[:: 3] = 0.0
    flat[1] = -0.0
    return x


def _relu_cases(gen, hidden):
    # The cases with exact zeros come last: there two conventions are accepted (the reference's and
    # its alternative), and an answer with another fault fails first where only one convention
    # exists, with the message of that fault.
    cases = [
        Case((randn(gen, 2, 5),), grad_args=(0,), label="(2, 5) float32"),
        Case((randn(gen, 6, dtype=torch.float64),), grad_args=(0,), gradcheck=True, label="(6,) float64, gradcheck"),
        Case((transposed(randn(gen, 3, 4)),), grad_args=(0,), label="(3, 4) transposed (non-contiguous)"),
        Case((randn(gen, 1, 5, dtype=torch.float64),), grad_args=(0,), label="N=1: (1, 5), float64"),
        Case((strided(randn(gen, 2, 3, 4), dim=1),), grad_args=(0,), label="(2, 3, 4) strided (non-contiguous)"),
        Case((randn(gen),), grad_args=(0,), label="a 0-dim tensor"),
    ]
    zeros = [Case((_with_zeros(gen, 2, 5),), grad_args=(0,), label="exact zeros (the convention at 0), float32")]
    if hidden:
        zeros.append(Case((_with_zeros(gen, 4, 7, dtype=torch.float64),), grad_args=(0,),
                          label="exact zeros, float64"))
        cases.append(Case((randn(gen, 64, 100),), grad_args=(0,), label="Lecture 4's hidden layer: (64, 100)"))
        for _ in range(3):
            shape = tuple(size(gen, 1, 6) for _ in range(size(gen, 1, 3)))
            dtype = pick(gen, DTYPES)
            cases.append(Case((randn(gen, *shape, dtype=dtype),), grad_args=(0,),
                              label=f"random shape {shape}, {str(dtype)[6:]}"))
        cases.append(Case((randn(gen, size(gen, 2, 4), size(gen, 2, 3), dtype=torch.float64),), grad_args=(0,),
                          gradcheck=True, label="random float64, gradcheck"))
    return cases + zeros


register(Exercise(
    id="MyReLU", assignment=A, signature="MyReLU.apply(x)",
    reference=_reference(_ReLU), alternatives=[_reference(_ReLUPassAtZero)],
    reference_text="torch.relu(x); its gradient is grad_output where x > 0 and 0 where x < 0 (at exactly 0: "
                   "0 as torch.relu, or grad_output as Lecture 4)",
    cases=_relu_cases, adapter=_adapter, extras=_relu_extras, extras_text=_TEXT, no_autograd=True, forbidden=(_LEAVE_TORCH,),
    meta_cases=(0, 1),
    mistakes=[Mistake(lambda x: x.abs(), "|x|, not max(x, 0): negative inputs must give 0")],
))


# ---- LinearFunction ---------------------------------------------------------------------------

class _Linear(torch.autograd.Function):
    """F.linear's values; the EE-559 gradients, each computed only where ctx.needs_input_grad asks."""

    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        return F.linear(x, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_x = grad_output.mm(weight) if needs[0] else None
        grad_weight = grad_output.t().mm(x) if needs[1] else None
        grad_bias = grad_output.sum(0) if len(needs) > 2 and needs[2] else None
        return grad_x, grad_weight, grad_bias


_LINEAR_NAMES = ("x", "weight", "bias")


def _linear_saved(out, args) -> str:
    """Something is saved with save_for_backward, unless backward needs no tensor: when only the
    bias needs a gradient (grad_output.sum(0)), saving nothing (or Nones) is right, as PyTorch's
    own linear does."""
    node = functions.node(out)
    if node is not None and not any(node.needs_input_grad[:2]):
        return "backward needs no tensor (only the bias needs a gradient)"
    return _saved_something(out, args, _LINEAR_NAMES)


def _linear_extras(out, case, args, recorder):
    facts = _facts(out, case, args, recorder)
    unneeded = functions.unneeded_gradients(out, args, case.kwargs, case.grad_output, recorder, _LINEAR_NAMES)
    return {"ctx": _ctx_data(out), "saved": _linear_saved(out, args),
            "needs_input_grad": [f"{n} (ctx.needs_input_grad[{_LINEAR_NAMES.index(n)}] is False)" for n in unneeded],
            **_common(out, case, args, recorder, facts)}


def _linear_args(gen, n, d_in, d_out, dtype=torch.float32, bias=True):
    x, w = randn(gen, n, d_in, dtype=dtype), randn(gen, d_out, d_in, dtype=dtype)
    return (x, w, randn(gen, d_out, dtype=dtype)) if bias else (x, w)


# The kinds of call, each in a visible case and again at random sizes in the hidden ones:
# (which inputs need a gradient, whether a bias is passed, omitted, or passed as None).
_LINEAR_KINDS = (
    ((0, 1, 2), "bias", "x, weight and bias need gradients"),
    ((0,), "bias", "only x needs a gradient"),
    ((1,), "bias", "only weight needs a gradient"),
    ((2,), "bias", "only bias needs a gradient"),
    ((0, 1), "omitted", "bias omitted: apply(x, weight)"),
    ((1,), "none", "bias=None passed, only weight needs a gradient"),
    ((0, 2), "bias", "x and bias need gradients, weight does not"),
)


def _linear_case(gen, kind, n, d_in, d_out, dtype, label, gradcheck=False):
    grad_args, bias, text = kind
    args = _linear_args(gen, n, d_in, d_out, dtype, bias == "bias")
    if bias == "none":
        args = args + (None,)
    return Case(args, grad_args=grad_args, gradcheck=gradcheck,
                label=f"{text}; N={n}, in={d_in}, out={d_out}, {str(dtype)[6:]}" + label)


def _linear_cases(gen, hidden):
    k = _LINEAR_KINDS
    cases = [
        _linear_case(gen, k[0], 4, 3, 2, torch.float32, ", gradcheck", gradcheck=True),
        _linear_case(gen, k[4], 3, 2, 3, torch.float64, ", gradcheck", gradcheck=True),
        _linear_case(gen, k[1], 5, 2, 3, torch.float64, ""),
        _linear_case(gen, k[2], 3, 4, 2, torch.float32, ""),
        _linear_case(gen, k[3], 4, 3, 3, torch.float64, ""),
        _linear_case(gen, k[5], 2, 3, 4, torch.float32, ""),
        _linear_case(gen, k[6], 3, 3, 2, torch.float32, ""),
        _linear_case(gen, k[0], 1, 3, 1, torch.float32, " (N=1, one output)"),
    ]
    x, w, b = _linear_args(gen, 5, 4, 3)
    cases.append(Case((transposed(x), strided(w, dim=0), strided(b)), grad_args=(0, 1, 2),
                      label="x transposed, weight and bias strided (non-contiguous), all need gradients"))
    if hidden:
        cases.append(_linear_case(gen, k[0], 64, 1000, 100, torch.float32, " (Lecture 4's sizes)"))
        for kind in k:  # every kind again, at random sizes and dtypes
            n, d_in, d_out = size(gen, 1, 9), size(gen, 1, 7), size(gen, 1, 7)
            cases.append(_linear_case(gen, kind, n, d_in, d_out, pick(gen, DTYPES), " (random)"))
        n, d_in, d_out = size(gen, 2, 4), size(gen, 2, 4), size(gen, 1, 3)
        cases.append(_linear_case(gen, k[0], n, d_in, d_out, torch.float64, ", random, gradcheck", gradcheck=True))
    return cases


def _linear_no_bias(x, weight, bias=None):
    return x @ weight.t()


register(Exercise(
    id="LinearFunction", assignment=A, signature="LinearFunction.apply(x, weight, bias=None)",
    reference=_reference(_Linear),
    reference_text="F.linear(x, weight, bias); gradients grad_output @ weight, grad_output.t() @ x, "
                   "grad_output.sum(0)",
    cases=_linear_cases, adapter=_adapter, extras=_linear_extras,
    extras_text={**_TEXT, "needs_input_grad": (
        "gradients computed although ctx.needs_input_grad says they are not needed",
        "Compute each gradient only if its entry of ctx.needs_input_grad is True (index 0: x, 1: weight, "
        "2: bias) and return None for the others. When bias is omitted, ctx.needs_input_grad has only two "
        "entries.")},
    no_autograd=True, forbidden=(_LEAVE_TORCH,), meta_cases=(0, 1),
    # float32: a right answer may sum the products of a gradient in another order than mm does
    # (broadcasting then sum, ones @ grad_output), and F.linear's fused addmm rounds once where
    # x @ w.t() + b rounds twice. At Lecture 4's sizes (N=64, in=1000, out=100) that needs an atol
    # of up to 8.4e-6 beyond rtol=1.3e-6 (measured over 60 seeds, one thread), close to the default
    # 1e-5; mm's summation order also changes with the number of threads. Wrong answers differ by O(1).
    tolerances={torch.float32: (1e-5, 1e-4)},
    mistakes=[Mistake(_linear_no_bias, "the bias was not added: x @ weight.t() + bias")],
))


# ---- SigmoidFunction --------------------------------------------------------------------------

class _Sigmoid(torch.autograd.Function):
    """torch.sigmoid's values; saves its output y, and backward is grad_output * y * (1 - y)."""

    @staticmethod
    def forward(ctx, x):
        y = torch.sigmoid(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        y, = ctx.saved_tensors
        return grad_output * y * (1 - y)


def _sigmoid_extras(out, case, args, recorder):
    facts = _facts(out, case, args, recorder)
    return {"ctx": _ctx_data(out), "saved": functions.saved_tensors(out, args, ("x",)),
            **_common(out, case, args, recorder, facts)}


def _saturated(dtype=torch.float32):
    return torch.tensor([[-100.0, -30.0, -1.0, 0.0, 2.5], [100.0, 30.0, 0.5, -100.0, 100.0]], dtype=dtype)


def _sigmoid_cases(gen, hidden):
    cases = [
        Case((_saturated(),), grad_args=(0,), label="|x| = 100 in float32 (saturated)"),
        Case((randn(gen, 5, dtype=torch.float64),), grad_args=(0,), gradcheck=True, label="(5,) float64, gradcheck"),
        Case((transposed(randn(gen, 4, 3) * 4),), grad_args=(0,), label="(4, 3) transposed (non-contiguous)"),
        Case((randn(gen, 1, 6, dtype=torch.float64) * 3,), grad_args=(0,), label="N=1: (1, 6), float64"),
        Case((strided(randn(gen, 2, 2, 3) * 4),), grad_args=(0,), label="(2, 2, 3) strided (non-contiguous)"),
        Case((randn(gen),), grad_args=(0,), label="a 0-dim tensor"),
    ]
    if hidden:
        cases.append(Case((_saturated(torch.float64) * 10,), grad_args=(0,), label="|x| = 1000 in float64"))
        big = randn(gen, 6, 5) * 200  # many entries far beyond where exp overflows in float32 (|x| > 88)
        big.view(-1)[:2] = torch.tensor([-100.0, 100.0])
        cases.append(Case((big,), grad_args=(0,), label="random, |x| up to ~600, float32"))
        for _ in range(3):
            shape = tuple(size(gen, 1, 6) for _ in range(size(gen, 1, 3)))
            dtype = pick(gen, DTYPES)
            cases.append(Case((randn(gen, *shape, dtype=dtype) * 5,), grad_args=(0,),
                              label=f"random shape {shape}, {str(dtype)[6:]}"))
        cases.append(Case((randn(gen, size(gen, 2, 4), 3, dtype=torch.float64),), grad_args=(0,), gradcheck=True,
                          label="random float64, gradcheck"))
    return cases


register(Exercise(
    id="SigmoidFunction", assignment=A, signature="SigmoidFunction.apply(x)",
    reference=_reference(_Sigmoid),
    reference_text="torch.sigmoid(x); its gradient grad_output * y * (1 - y) with y = sigmoid(x)",
    cases=_sigmoid_cases, adapter=_adapter, extras=_sigmoid_extras,
    extras_text={**_TEXT, "saved": ("tensors saved for backward",
                                    "SigmoidFunction saves its output y (ctx.save_for_backward(y), with y the "
                                    "tensor forward returns), not its input, nor a copy: sigmoid's derivative "
                                    "is y * (1 - y), and y never overflows.")},
    no_autograd=True, forbidden=(_LEAVE_TORCH,), meta_cases=(0, 1),
))


# ---- StraightThroughRound ---------------------------------------------------------------------

class _Round(torch.autograd.Function):
    """torch.round (ties to even) forward; backward passes grad_output through."""

    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output


def _round_extras(out, case, args, recorder):
    facts = _facts(out, case, args, recorder)
    return {"ctx": _ctx_data(out), **_common(out, case, args, recorder, facts)}


_TIES = (-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5)


def _with_ties(gen, *shape, dtype=torch.float32, scale=3.0):
    """Random values with exact ties (k + 0.5) in the first places."""
    x = randn(gen, *shape, dtype=dtype) * scale
    flat = x.view(-1)
    k = min(len(_TIES), flat.numel())
    flat[:k] = torch.tensor(_TIES[:k], dtype=dtype)[torch.randperm(k, generator=gen)]
    return x


def _round_cases(gen, hidden):
    cases = [
        Case((torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49, -0.51]),), grad_args=(0,),
             label="ties x.5 (rounded to even), float32"),
        Case((_with_ties(gen, 3, 4, dtype=torch.float64),), grad_args=(0,), label="(3, 4) float64 with ties"),
        Case((transposed(_with_ties(gen, 4, 3)),), grad_args=(0,), label="(4, 3) transposed (non-contiguous)"),
        Case((_with_ties(gen, 1, 5),), grad_args=(0,), label="N=1: (1, 5)"),
        Case((strided(_with_ties(gen, 2, 3, 4, dtype=torch.float64)),), grad_args=(0,),
             label="(2, 3, 4) strided (non-contiguous), float64"),
        Case((torch.tensor(2.5),), grad_args=(0,), label="a 0-dim tensor (2.5)"),
        # Where x + 0.5 itself rounds (float32 from 2**23, float64 from 2**52), floor(x + 0.5) with
        # a fix for ties goes wrong on odd integers.
        Case((torch.tensor([8388609.0, -8388611.0, 16777215.0, 4194304.5, 1e30]),), grad_args=(0,),
             label="large float32 values (odd integers from 2**23)"),
        Case((torch.tensor([4503599627370497.0, -4503599627370499.0, 2251799813685248.5], dtype=torch.float64),),
             grad_args=(0,), label="large float64 values (odd integers from 2**52)"),
    ]
    if hidden:
        cases.append(Case((_with_ties(gen, 20, 30, scale=100.0),), grad_args=(0,), label="(20, 30), |x| up to ~300"))
        for _ in range(3):
            shape = tuple(size(gen, 1, 6) for _ in range(size(gen, 1, 3)))
            dtype = pick(gen, DTYPES)
            cases.append(Case((_with_ties(gen, *shape, dtype=dtype),), grad_args=(0,),
                              label=f"random shape {shape} with ties, {str(dtype)[6:]}"))
    return cases


register(Exercise(
    id="StraightThroughRound", assignment=A, signature="StraightThroughRound.apply(x)",
    reference=_reference(_Round),
    reference_text="torch.round(x) (ties to even: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2); the gradient is grad_output itself",
    cases=_round_cases, adapter=_adapter, extras=_round_extras, extras_text=_TEXT, no_autograd=True, forbidden=(_LEAVE_TORCH,),
    meta_cases=(0, 1),
    # Rounding is exact: off by one at 8388609 is within float32's relative tolerance, and wrong.
    tolerances={torch.float32: (0.0, 0.0), torch.float64: (0.0, 0.0)},
    mistakes=[
        Mistake(lambda x: torch.floor(x + 0.5),
                "floor(x + 0.5) rounds every tie up (0.5 -> 1, 2.5 -> 3, -1.5 -> -1); torch.round rounds ties "
                "to the even neighbour (0.5 -> 0, 2.5 -> 2, -1.5 -> -2)"),
        Mistake(lambda x: torch.sign(x) * torch.floor(x.abs() + 0.5),
                "ties rounded away from zero (0.5 -> 1, -2.5 -> -3), as Python 2 and C's round() do; "
                "torch.round rounds ties to the even neighbour (0.5 -> 0, -2.5 -> -2)"),
        Mistake(torch.trunc, "truncation toward zero (1.7 -> 1), not rounding to the nearest integer"),
        Mistake(torch.floor, "floor (1.7 -> 1), not rounding to the nearest integer"),
    ],
))


# ---- ScaleGradient ----------------------------------------------------------------------------

class _Scale(torch.autograd.Function):
    """The identity forward; backward multiplies grad_output by the Python float `scale`."""

    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.scale, None


def _scale_extras(out, case, args, recorder):
    facts = _facts(out, case, args, recorder)
    return {"ctx": _ctx_data(out), **_common(out, case, args, recorder, facts)}


_SCALES = (0.5, -1.0, 3.0, 0.0, -0.25)


def _scale_cases(gen, hidden):
    cases = [
        Case((randn(gen, 3, 4), 0.5), grad_args=(0,), label="scale=0.5, float32"),
        Case((randn(gen, 5, dtype=torch.float64), -1.0), grad_args=(0,), label="scale=-1.0 (gradient reversal), float64"),
        Case((transposed(randn(gen, 4, 3)), 3.0), grad_args=(0,), label="scale=3.0, x transposed (non-contiguous)"),
        Case((randn(gen, 1, 4, dtype=torch.float64), 0.0), grad_args=(0,), label="scale=0.0 (no gradient), N=1: (1, 4)"),
        Case((strided(randn(gen, 2, 3, 2)), -0.25), grad_args=(0,), label="scale=-0.25, (2, 3, 2) strided"),
        Case((randn(gen), 2.0), grad_args=(0,), label="a 0-dim tensor, scale=2.0"),
    ]
    if hidden:
        for s in _SCALES:  # every kind of scale again, at random shapes and dtypes
            shape = tuple(size(gen, 1, 6) for _ in range(size(gen, 1, 3)))
            dtype = pick(gen, DTYPES)
            scale = s * (1 + float(torch.rand((), generator=gen)))
            cases.append(Case((randn(gen, *shape, dtype=dtype), scale), grad_args=(0,),
                              label=f"random shape {shape}, {str(dtype)[6:]}, scale={scale:.3g}"))
        cases.append(Case((randn(gen, 64, 100), -1.0), grad_args=(0,), label="(64, 100), scale=-1.0"))
    return cases


register(Exercise(
    id="ScaleGradient", assignment=A, signature="ScaleGradient.apply(x, scale)",
    reference=_reference(_Scale),
    reference_text="x unchanged forward; grad_output * scale backward, and None for scale",
    cases=_scale_cases, adapter=_adapter, extras=_scale_extras, extras_text=_TEXT, no_autograd=True, forbidden=(_LEAVE_TORCH,),
    meta_cases=(0, 1),
    mistakes=[Mistake(lambda x, scale: x * scale,
                      "the forward multiplied the values by scale; ScaleGradient leaves the values unchanged "
                      "and scales only the gradient, in backward")],
))
