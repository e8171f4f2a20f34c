"""Answers that are `torch.autograd.Function` subclasses.

`adapter` hands each case `answer.apply` (torch's own, not an override); `node_facts` reads what
PyTorch keeps of one call in the graph node its output points to: the tensors saved for
backward, tensors kept as ctx attributes, and what backward does when called directly with an
upstream gradient (its return values, whether it changed that gradient in place, the matrix
products and reductions it ran). An exercise's `extras` picks the facts its contract is about.
"""
from __future__ import annotations

import torch

from ..spec import AnswerKindError
# Ops that compute a gradient's worth of work: a product with a whole matrix, or a reduction.
PRODUCTS = frozenset({"mm", "matmul", "bmm", "addmm", "einsum", "mv", "dot", "tensordot", "linear", "baddbmm",
                      "addmv", "addbmm", "outer", "ger", "inner", "vdot", "chain_matmul", "multi_dot"})
REDUCTIONS = frozenset({"sum", "mean", "nansum"})

_Function = torch.autograd.Function
_APPLY = torch.autograd.Function.__dict__["apply"]  # the class method itself, whatever a subclass defines
_NODE = torch.autograd.function.BackwardCFunction


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
    Returns {"returns": ["tensor (shape)" | "None", ...], "grad_output changed": bool,
    "work": products + reductions run from backward's own code, "ctx.needs_input_grad": [...]}."""
    fn = node(output)
    if fn is None or grad_output is None:
        return {"returns": ["no graph node"], "grad_output changed": False, "work": 0, "needs_input_grad": []}
    given = grad_output.clone()
    rec = recorder()
    with rec:
        result = _NODE.apply(fn, given)
    if not isinstance(result, tuple):
        result = (result,)
    returns = [f"a tensor of shape {tuple(r.shape)}" if isinstance(r, torch.Tensor) else
               ("None" if r is None else type(r).__name__) for r in tuple.__iter__(result)]
    top = rec.trace.top
    return {"returns": returns,
            "grad_output changed": not (given.shape == grad_output.shape and torch.equal(given, grad_output)),
            "work": sum(n for op, n in top.items() if op in PRODUCTS or op in REDUCTIONS),
            "needs_input_grad": [bool(b) for b in fn.needs_input_grad]}
