"""Answers that are `torch.autograd.Function` subclasses.

`adapter` hands each case `answer.apply` (torch's own, not an override); `node_facts` reads what
PyTorch keeps of one call in the graph node its output points to: the tensors saved for
backward, tensors kept as ctx attributes, and what backward does when called directly with an
upstream gradient (its return values, whether it changed that gradient in place, the matrix
products and reductions it ran). An exercise's `extras` picks the facts its contract is about.

More facts, for contracts that need them: `ctx_attributes` (what each attribute set on ctx holds),
`engine_backward` (the same backward run by the autograd engine, to compare its ops with a direct
call: a backward that behaves differently when it is being inspected shows there),
`unneeded_gradients` (the inputs whose gradient backward computes even where
ctx.needs_input_grad says it is not needed) and `backward_after_another_call` (backward of a first
call run after a second call: state kept outside ctx shows there).

The torch functions these helpers call are taken at import time, so that student code that
replaces `BackwardCFunction.apply` or `torch.autograd.grad` later does not change what they see.
"""
from __future__ import annotations

import torch

from ..spec import AnswerKindError
from ..trace import left_torch, used_autograd

# Ops that compute a gradient's worth of work: a product with a whole matrix, or a reduction.
PRODUCTS = frozenset({"mm", "matmul", "bmm", "addmm", "einsum", "mv", "dot", "tensordot", "linear", "baddbmm",
                      "addmv", "addbmm", "outer", "ger", "inner", "vdot", "chain_matmul", "multi_dot"})
# Only ops called from Python are counted: sum_to_size (which sums one level down) is named itself,
# and a cumsum's last row is a sum.
REDUCTIONS = frozenset({"sum", "mean", "nansum", "sum_to_size", "cumsum"})

_Function = torch.autograd.Function
_APPLY = torch.autograd.Function.__dict__["apply"]  # the class method itself, whatever a subclass defines
_NODE = torch.autograd.function.BackwardCFunction
_NODE_APPLY = _NODE.__dict__["apply"]  # what the engine calls on a node, as torch defines it
_GRAD = torch.autograd.grad
_EQUAL = torch.equal
_NO_GRAD, _ENABLE_GRAD = torch.no_grad, torch.enable_grad
_TENSORS = (torch.Tensor, torch.nn.Parameter)


def adapter(answer):
    """A Function subclass -> the callable the cases call: `answer.apply`, as torch defines it."""
    if not (isinstance(answer, type) and issubclass(answer, _Function)):
        what = f"the class {answer.__name__}" if isinstance(answer, type) else f"{type(answer).__name__} object"
        raise AnswerKindError(f"expected a subclass of torch.autograd.Function, got {what}")
    own = type.__dict__["__dict__"].__get__(answer)
    for name in ("forward", "backward"):
        if name in own and type(own[name]) is not staticmethod:
            raise AnswerKindError(f"{answer.__name__}.{name} must be a @staticmethod (torch calls it with ctx first)")
    if "apply" in own:
        raise AnswerKindError(f"{answer.__name__} defines its own `apply`: leave apply to torch.autograd.Function")
    return _APPLY.__get__(None, answer)


def node(output):
    """The graph node of a custom Function's output (None if the output is not one)."""
    if type(output) is not torch.Tensor:
        return None
    fn = output.grad_fn
    return fn if isinstance(fn, _NODE) else None


def _same(a, b) -> bool:
    return (type(a) in (torch.Tensor, torch.nn.Parameter) and type(b) in (torch.Tensor, torch.nn.Parameter)
            and a.device == b.device and a.device.type != "meta" and a.data_ptr() == b.data_ptr()
            and a.shape == b.shape and a.stride() == b.stride() and a.dtype == b.dtype)


def saved_tensors(output, args, names) -> list[str]:
    """What each tensor saved with ctx.save_for_backward is: "input <name>", "the output", or "a
    computed tensor of shape (...)"; ["no graph node"] when the output has none."""
    fn = node(output)
    if fn is None:
        return ["no graph node"]
    out = []
    for t in fn.saved_tensors:
        if t is None:
            out.append("None")
            continue
        label = next((f"input {names[i] if i < len(names) else i}" for i, a in enumerate(args) if _same(t, a)), None)
        if label is None and _same(t, output):
            label = "the output"
        out.append(label or f"a computed tensor of shape {tuple(t.shape)}")
    return out


def ctx_tensors(output) -> list[str]:
    """Names of ctx attributes that hold tensors (saved outside save_for_backward)."""
    fn = node(output)
    if fn is None:
        return []
    attrs = object.__getattribute__(fn, "__dict__")
    return sorted(str(k) for k, v in dict.items(attrs)
                  if isinstance(v, torch.Tensor) or (type(v) in (list, tuple) and any(isinstance(x, torch.Tensor) for x in v)))


def direct_backward(output, grad_output, recorder) -> dict:
    """Call backward directly on the output's node with `grad_output`, recording the ops it runs.
    Returns {"returns": ["a tensor of shape (...)" (+ " on <device>" where it is not grad_output's)
    | "None" | a type's name, ...], "grad_output changed": bool,
    "work": products + reductions run from backward's own code, "needs_input_grad": [...],
    "ops": {aten op: calls} of everything it ran, "calls": how many ops backward's own code called,
    "autograd": whether the autograd engine (or forward-mode AD) ran inside it, "left_torch": the
    calls that took data out of torch (.tolist(), .numpy()), "gradients": what it returned, as it
    returned it}. Called with grad mode off, as the engine calls it."""
    fn = node(output)
    if fn is None or grad_output is None:
        return {"returns": ["no graph node"], "grad_output changed": False, "work": 0, "needs_input_grad": [],
                "ops": {}, "calls": 0, "autograd": False, "left_torch": [], "gradients": []}
    given = grad_output.clone()
    rec = recorder()
    with rec:
        with _NO_GRAD():
            result = _NODE_APPLY(fn, given)
    if not isinstance(result, tuple):
        result = (result,)
    returns = [_describe(r, grad_output.device) for r in tuple.__iter__(result)]
    top = rec.trace.top
    return {"returns": returns,
            "grad_output changed": _changed(given, grad_output),
            "work": sum(n for op, n in top.items() if op in PRODUCTS or op in REDUCTIONS),
            "needs_input_grad": [bool(b) for b in fn.needs_input_grad],
            "ops": dict(rec.trace.aten), "calls": sum(top.values()), "autograd": used_autograd(rec.trace),
            "left_torch": left_torch(rec.trace),
            "gradients": list(tuple.__iter__(result))}


def _describe(r, device) -> str:
    """A returned gradient in words: its shape, and its device where it is not grad_output's."""
    if type(r) in _TENSORS:
        where = f" on {r.device}" if r.device != device else ""
        return f"a tensor of shape {tuple(r.shape)}{where}"
    return "None" if r is None else type(r).__name__


def engine_backward(output, inputs, grad_output, recorder) -> dict:
    """Run the autograd engine from `output` with `grad_output` to `inputs` (those that require
    grad), keeping the graph, and record what it runs: {"ops": {aten op: calls} | None,
    "grad_output changed": bool}. "ops" is None where the engine runs backward on another thread
    than this one (not on the CPU), out of the recorder's sight."""
    fn = node(output)
    wanted = [a for a in inputs if type(a) in _TENSORS and a.requires_grad]
    if fn is None or grad_output is None or not wanted:
        return {"ops": {}, "grad_output changed": False}
    given = grad_output.clone()
    rec = recorder()
    with rec:
        _GRAD(output, wanted, given, retain_graph=True, allow_unused=True)
    cpu = output.device.type == "cpu"
    return {"ops": dict(rec.trace.aten) if cpu else None, "grad_output changed": _changed(given, grad_output)}


def _changed(given, original) -> bool:
    """Whether backward changed the upstream gradient it was given (unknowable on meta: False)."""
    if original.device.type == "meta":
        return False
    return not (type(given) in _TENSORS and given.shape == original.shape and _EQUAL(given, original))


def ctx_attributes(output) -> dict[str, str]:
    """What each attribute the answer set on ctx holds, in words: "a tensor", "a NumPy array",
    "a list holding tensors", "a list", "a number", "a string", "None", ... Read without running
    anything the answer defined (exact types only)."""
    fn = node(output)
    if fn is None:
        return {}
    attrs = object.__getattribute__(fn, "__dict__")
    return {str(k): _kind(v) for k, v in dict.items(attrs)}


def _kind(v, depth: int = 0) -> str:
    t = type(v)
    if issubclass(t, torch.Tensor):
        return "a tensor"
    if t.__name__ == "ndarray" and t.__module__ == "numpy":
        return "a NumPy array"
    if v is None:
        return "None"
    if t in (bool, int, float, complex):
        return "a number"
    if t is str:
        return "a string"
    if t in (torch.Size, torch.dtype, torch.device):
        return f"a {t.__name__}"
    if t in (list, tuple, dict, set, frozenset):
        items = dict.values(v) if t is dict else (list.__iter__(v) if t is list else
                                                  tuple.__iter__(v) if t is tuple else iter(v))
        inner = {_kind(x, depth + 1) for x in items} if depth < 3 else set()
        held = sorted(k for k in inner if k in ("a tensor", "a NumPy array"))
        return f"a {t.__name__}" + (f" holding {' and '.join(k[2:] + 's' for k in held)}" if held else "")
    return f"a {t.__name__} object"


def unneeded_gradients(output, args, kwargs, grad_output, recorder, names) -> list[str]:
    """Names of the tensor inputs whose gradient backward computes even where it is not needed.

    For each floating tensor input j that does not require grad in this call (its
    ctx.needs_input_grad entry is False), the same Function is applied again to copies of the
    inputs with j requiring grad too, and backward is called directly on both: if backward calls
    no more ops when j needs a gradient than when it does not, it runs the same code either way,
    so the work for j is done either way. (Ops, not only products and reductions: a gradient
    summed with a Python loop of additions counts too.)"""
    fn = node(output)
    if fn is None or grad_output is None:
        return []
    apply = _apply_of(fn)
    if apply is None:
        return []
    base = direct_backward(output, grad_output, recorder)["calls"]
    found = []
    for j, a in enumerate(args):
        if type(a) not in _TENSORS or not a.is_floating_point() or a.requires_grad:
            continue
        copies = [x.detach().clone().requires_grad_(bool(x.requires_grad) or i == j)
                  if type(x) in _TENSORS and x.is_floating_point() else x for i, x in enumerate(args)]
        with _ENABLE_GRAD():
            again = apply(*copies, **kwargs)
        if node(again) is None:
            continue
        if direct_backward(again, grad_output, recorder)["calls"] <= base:
            found.append(names[j] if j < len(names) else f"argument {j}")
    return found


def backward_after_another_call(output, args, kwargs, grad_output, recorder) -> list:
    """What the output's backward returns when the same Function has been applied once more, to
    other inputs of the same shapes (tensors t -> 1 - 2t, numbers s -> 1 - 2s), before it runs:
    a backward that reads its call's state from ctx gives what it gives right after its own call;
    one that keeps state on the class or in a global reads the second call's. The Function is then
    applied once more to copies of this call's inputs, so that such state is as the call left it."""
    fn = node(output)
    if fn is None or grad_output is None:
        return []
    apply = _apply_of(fn)
    if apply is None:
        return []
    other = [1 - 2 * x.detach() if type(x) in _TENSORS and x.is_floating_point() else
             (1 - 2 * x if type(x) in (int, float) else x) for x in args]
    other = [o.requires_grad_(bool(x.requires_grad)) if type(x) in _TENSORS and x.is_floating_point() else o
             for o, x in zip(other, args)]
    with _ENABLE_GRAD():
        apply(*other, **kwargs)
    grads = direct_backward(output, grad_output, recorder)["gradients"]
    again = [x.detach().clone().requires_grad_(bool(x.requires_grad)) if type(x) in _TENSORS and x.is_floating_point()
             else x for x in args]
    with _ENABLE_GRAD():  # the last call is on this call's values again: what runs next sees no difference
        apply(*again, **kwargs)
    return grads


def _apply_of(fn):
    """torch's apply bound to the Function class that made the node `fn`."""
    cls = type.__dict__["__dict__"].__get__(type(fn)).get("_forward_cls")
    if not (isinstance(cls, type) and issubclass(cls, _Function)):
        return None
    return _APPLY.__get__(None, cls)
