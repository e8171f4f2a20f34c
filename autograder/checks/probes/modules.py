"""Answers that are `nn.Module` subclasses, checked by what PyTorch sees of them.

A case is a scenario: build the class with the case's arguments, then run steps (forward calls,
train/eval, `.double()`, `.to(device)`, an optimizer step), writing down after each what an
optimizer, a state_dict and `.to()` see. The reference class runs the same scenario after loading
the answer's initial parameters and buffers (`observed`), so that modules with random
initialisation can be compared on outputs. The result is a dict whose keys are shown to the
student as they are ("parameters", "output of step 2: forward (3, 1, 28, 28)"), in the order
they are checked: the structure first, then the behaviour.

    Case((init_args, init_kwargs, steps), ...)
    steps: ("forward", *inputs) | ("train",) | ("eval",) | ("double",) | ("to", device)
           | ("sgd", lr, *inputs)   one SGD step on the sum of the outputs, over m.parameters()
"""
from __future__ import annotations

import functools

import torch

from ..encode import _module_state, encode
from ..spec import AnswerKindError

_Module = torch.nn.Module
_get = object.__getattribute__


def adapter(answer):
    """An nn.Module subclass -> the scenario each case runs on it."""
    if not (isinstance(answer, type) and issubclass(answer, _Module)):
        what = f"the class {answer.__name__}" if isinstance(answer, type) else f"{type(answer).__name__} object"
        raise AnswerKindError(f"expected a subclass of torch.nn.Module, got {what}")
    return functools.partial(scenario, answer)


def reference(cls):
    """The reference side of a module exercise: the scenario on the course's own class."""
    return functools.partial(scenario, cls)


def _shapes(tensors: dict) -> dict:
    return {name: [int(n) for n in t.shape] for name, t in tensors.items()}


def unregistered(module: _Module, prefix: str = "", depth: int = 0) -> list[str]:
    """Attributes that PyTorch does not see: layers or parameters inside plain lists, tuples and
    dicts, and tensors assigned as plain attributes. `.parameters()`, state_dict and `.to()` miss
    all of them."""
    found = []
    for name, value in dict.items(_get(module, "__dict__")):
        if name in ("_parameters", "_buffers", "_modules"):
            continue
        name = prefix + str(name)
        items = []
        if type(value) in (list, tuple):
            items = list(value)
        elif type(value) is dict:
            items = list(dict.values(value))
        if any(isinstance(v, (_Module, torch.Tensor)) for v in items):
            found.append(f"{name} (a plain {type(value).__name__} of layers or tensors)")
        elif isinstance(value, torch.Tensor) and not isinstance(value, torch.nn.Parameter):
            found.append(f"{name} (a tensor attribute, not a registered buffer)")
        elif isinstance(value, torch.nn.Parameter):
            found.append(f"{name} (a Parameter assigned outside __init__'s registration)")
    for child_name, child in dict.items(_get(module, "_modules")):
        if isinstance(child, _Module) and depth < 50:
            found += unregistered(child, f"{prefix}{child_name}.", depth + 1)
    return sorted(found)


def _load(module: _Module, observed) -> None:
    """Load the answer's initial parameters and buffers into the reference, where names and shapes
    match (a mismatch is reported from the structure, before any output is compared)."""
    values = _decode(observed, "initial values")
    if not values:
        return
    own = dict(module.state_dict())
    usable = {k: v for k, v in values.items() if k in own and tuple(own[k].shape) == tuple(v.shape)}
    with torch.no_grad():
        for k, v in usable.items():
            own[k].copy_(v.to(own[k].dtype))


def _decode(observed, key: str) -> dict:
    """A dict of tensors from an encoded scenario result (plain data from the judge's side)."""
    if not isinstance(observed, dict) or observed.get("kind") != "dict":
        return {}
    entry = dict(zip(observed["keys"], observed["items"])).get(key)
    if not isinstance(entry, dict) or entry.get("kind") != "dict":
        return {}
    return {k: v["data"] for k, v in zip(entry["keys"], entry["items"])
            if isinstance(v, dict) and v.get("kind") == "tensor"}


def _describe(step) -> str:
    what = step[0]
    shapes = [tuple(x.shape) for x in step[1:] if isinstance(x, torch.Tensor)]
    shown = ", ".join(str(s) for s in shapes)
    if what == "forward":
        return f"forward {shown}"
    if what == "sgd":
        return f"an SGD step (lr={step[1]}) on the sum of the outputs for {shown}"
    if what == "to":
        return f".to({step[1]!r})"
    return f".{what}()"


def scenario(cls, init_args=(), init_kwargs=None, steps=(), observed=None) -> dict:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)  # the same initial values for every run of the answer
        module = cls(*init_args, **(init_kwargs or {}))
    if observed is not None:
        _load(module, observed)
    if not isinstance(module, _Module):
        raise AnswerKindError(f"{cls.__name__}(...) did not build an nn.Module")
    parameters, buffers, _ = _module_state(module)
    report: dict = {
        "layers and tensors PyTorch does not see": unregistered(module),
        "parameters (name: shape)": _shapes(parameters),
        "buffers (name: shape)": _shapes(buffers),
        "state_dict (key: shape)": _shapes(dict(module.state_dict())),
        "parameters an optimizer sees": _seen_by_optimizer(module, parameters),
        "number of parameter elements": sum(p.numel() for p in {id(p): p for p in parameters.values()}.values()),
        "initial values": {**{n: p.detach().clone() for n, p in parameters.items()},
                           **{n: b.detach().clone() for n, b in buffers.items()}},
    }
    for i, step in enumerate(steps, start=1):
        try:
            report.update(_run(module, i, step))
        except Exception as exc:  # later steps depend on this one: the scenario ends here
            report[f"step {i}, {_describe(step)}"] = raised(exc)
            break
    return report


def raised(exc: BaseException) -> dict:
    """What a step that raised is recorded as (judge.py shows it as the reason)."""
    return {"kind": "raised", "type": type(exc).__name__, "message": str(exc)[:1000]}


def _seen_by_optimizer(module: _Module, parameters: dict) -> list[str]:
    names = {id(p): n for n, p in parameters.items()}
    return [names.get(id(p), f"a tensor of shape {tuple(p.shape)} that is not a registered parameter")
            for p in module.parameters()]


def _run(module: _Module, i: int, step) -> dict:
    what, args = step[0], step[1:]
    label = f"step {i}, {_describe(step)}"
    if what in ("train", "eval"):
        getattr(_Module, what)(module)
        return {f"{label}: training flags": {n or "(the module)": bool(_get(m, "training"))
                                             for n, m in _Module.named_modules(module)}}
    if what == "double":
        _Module.double(module)
        return {f"{label}: dtypes": _states(module, lambda t: str(t.dtype))}
    if what == "to":
        _Module.to(module, args[0])
        return {f"{label}: devices": _states(module, lambda t: str(t.device))}
    if what == "forward":
        out = module(*args)
        _, buffers, _ = _module_state(module)
        result = {f"{label}: output": encode(out)}
        if buffers:
            result[f"{label}: buffers after"] = {n: encode(b) for n, b in buffers.items()}
        return result
    if what == "sgd":
        lr, inputs = args[0], args[1:]
        optimizer = torch.optim.SGD(module.parameters(), lr=lr)
        optimizer.zero_grad()
        out = module(*inputs)
        outs = out if isinstance(out, (list, tuple)) else [out]
        sum(o.sum() for o in outs).backward()
        optimizer.step()
        parameters, _, _ = _module_state(module)
        return {f"{label}: parameters after": {n: p.detach().clone() for n, p in parameters.items()}}
    raise ValueError(f"unknown scenario step {what!r}")


def _states(module: _Module, describe) -> dict:
    parameters, buffers, _ = _module_state(module)
    return {n: describe(t) for n, t in {**parameters, **buffers}.items()}
