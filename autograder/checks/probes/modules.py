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
           | ("grad", x, w)         the gradient of (output * w).sum() with respect to the input x

Options of `adapter` and `reference` (give both the same):

- `listed=True`: the structure (parameters, buffers, state_dict, what an optimizer sees) as sorted
  lines "name: (shape)", so that a mismatch says which entries are missing or unexpected in a short
  headline, whatever the order the module registered them in (with as many entries on both sides,
  the reference's lines face the answer's: the first difference shown pairs `fc1.bias` with the
  answer's `fcl.bias`); training flags as the module's own flag and the submodules whose flag
  differs from it.
- `free_names=True`: the contract does not name the parameters (a list of heads): the reference
  takes the answer's names for its own parameters and buffers, matched in registration order by
  shape, and loads the answer's initial values through that matching.
- `load_buffers=False`: the contract fixes the buffers' initial values (zeros): the reference keeps
  its own, so that other initial values show, instead of loading the answer's.

A step on the meta device that raises for want of values (`.item()`, a data-dependent branch), not
for mixing devices, ends the scenario quietly on both sides: meta checks device placement only,
as for function exercises. Any other step that raises ends the scenario too, and the exception is
the check's reason (with the lines of the student's code it went through), unless PyTorch does not
see some of the module's layers or tensors: that is then the likely cause, and the structure
observed so far is what the check reports. Every scenario runs `sealed` (sealed.py): student code
that runs inside it cannot change the helpers it calls.
"""
from __future__ import annotations

import functools

import torch

from .. import encode as _encode_module
from ..encode import _module_state
from ..spec import AnswerKindError
from .sealed import sealed

_Module = torch.nn.Module
_Parameter = torch.nn.Parameter
_get = object.__getattribute__


def adapter(answer, *, listed: bool = False, free_names: bool = False, load_buffers: bool = True):
    """An nn.Module subclass -> the scenario each case runs on it."""
    if not (isinstance(answer, type) and issubclass(answer, _Module)):
        what = f"the class {type.__dict__['__name__'].__get__(answer)}" if isinstance(answer, type) \
            else f"{type(answer).__name__} object"
        raise AnswerKindError(f"expected a subclass of torch.nn.Module, got {what}")
    return functools.partial(_SEALED, answer, listed=listed, free_names=free_names, load_buffers=load_buffers)


def reference(cls, *, listed: bool = False, free_names: bool = False, load_buffers: bool = True):
    """The reference side of a module exercise: the scenario on the course's own class."""
    return functools.partial(_SEALED, cls, listed=listed, free_names=free_names, load_buffers=load_buffers)


class Hints(dict):
    """`Exercise.hints` for scenarios: a step's key ("step 2, forward (3, 4): buffers after") also
    finds the hint given for its last part ("buffers after")."""

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return super().get(str(key).rsplit(": ", 1)[-1], default)


def _shapes(tensors: dict, listed: bool = False, name=str):
    if listed:
        return sorted(f"{name(n)}: {_shape(t)}" for n, t in tensors.items())
    return {name(n): [int(k) for k in t.shape] for n, t in tensors.items()}


def _facing(own: list[str], entry) -> list[str]:
    """The reference's lines, ordered to face the answer's (`entry`, its encoded list) when both
    have as many: the same line at the same place, then a line of the same name, then one of the
    same shape, so that the first difference the judge shows pairs what belongs together
    (`fcl.bias` with `fc1.bias`, not with `fc2.bias`). Lists of other lengths stay sorted: the judge
    then names what is missing and what is unexpected."""
    theirs = [str(x) for x in entry["items"]] if isinstance(entry, dict) and entry.get("kind") == "list" else None
    if theirs is None or len(theirs) != len(own):
        return own
    out: list = [None] * len(theirs)
    left = list(own)
    for match in (lambda a, b: a == b, lambda a, b: _name(a) == _name(b), lambda a, b: _tail(a) == _tail(b)):
        for i, line in enumerate(theirs):
            if out[i] is None:
                found = next((x for x in left if match(x, line)), None)
                if found is not None:
                    out[i] = found
                    left.remove(found)
    return [x if x is not None else left.pop(0) for x in out]


def _name(line: str) -> str:
    return line.rsplit(": ", 1)[0]


def _tail(line: str) -> str:
    return line.rsplit(": ", 1)[-1]


def _shape(t) -> str:
    return str(tuple(int(k) for k in t.shape))


def unregistered(module: _Module, prefix: str = "", depth: int = 0, _seen: set | None = None) -> list[str]:
    """Attributes that PyTorch does not see: layers or parameters inside plain lists, tuples and
    dicts, and tensors assigned as plain attributes. `.parameters()`, state_dict and `.to()` miss
    all of them. (A layer or tensor that is registered elsewhere in the module too, such as a
    list kept for convenience beside the attributes, is seen.)"""
    if _seen is None:
        _seen = _registered(module)
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
        if any(isinstance(v, (_Module, torch.Tensor)) and id(v) not in _seen for v in items):
            found.append(f"{name} (a plain {type(value).__name__} of layers or tensors)")
        elif id(value) in _seen:
            continue
        elif isinstance(value, torch.Tensor) and not isinstance(value, _Parameter):
            found.append(f"{name} (a tensor attribute, not a registered buffer)")
        elif isinstance(value, _Parameter):
            found.append(f"{name} (a Parameter assigned outside __init__'s registration)")
    for child_name, child in dict.items(_get(module, "_modules")):
        if isinstance(child, _Module) and depth < 50:
            found += unregistered(child, f"{prefix}{child_name}.", depth + 1, _seen)
    return sorted(found)


def _registered(module: _Module, depth: int = 0) -> set[int]:
    """id() of every module, parameter and buffer registered in `module`'s tree."""
    seen = {id(module)}
    seen |= {id(v) for v in dict.values(_get(module, "_parameters")) if v is not None}
    seen |= {id(v) for v in dict.values(_get(module, "_buffers")) if v is not None}
    for child in dict.values(_get(module, "_modules")):
        if isinstance(child, _Module) and depth < 50:
            seen |= _registered(child, depth + 1)
    return seen


def _load(module: _Module, observed, name, buffers: bool = True) -> None:
    """Load the answer's initial parameters (and buffers) into the reference, where names and shapes
    match (a mismatch is reported from the structure, before any output is compared)."""
    values = _decode(observed, "initial values")
    if not values:
        return
    own = dict(module.state_dict()) if buffers else {n: p for n, p in module.named_parameters()}
    usable = {k: values[name(k)] for k in own
              if name(k) in values and tuple(own[k].shape) == tuple(values[name(k)].shape)}
    with torch.no_grad():
        for k, v in usable.items():
            own[k].copy_(v.to(own[k].dtype))


def _entry(observed, key: str):
    """One entry of an encoded scenario result (plain data from the judge's side)."""
    if not isinstance(observed, dict) or observed.get("kind") != "dict":
        return None
    return dict(zip(observed["keys"], observed["items"])).get(key)


def _decode(observed, key: str) -> dict:
    """A dict of tensors from an encoded scenario result."""
    entry = _entry(observed, key)
    if not isinstance(entry, dict) or entry.get("kind") != "dict":
        return {}
    return {k: v["data"] for k, v in zip(entry["keys"], entry["items"])
            if isinstance(v, dict) and v.get("kind") == "tensor"}


def _names_of(entry) -> set[str]:
    """The names in an encoded structure entry: the keys of a dict, or the names of "name: (shape)" lines."""
    if isinstance(entry, dict) and entry.get("kind") == "dict":
        return {str(k) for k in entry["keys"]}
    if isinstance(entry, dict) and entry.get("kind") == "list":
        return {str(line).rsplit(": ", 1)[0] for line in entry["items"]}
    return set()


def _renaming(parameters: dict, buffers: dict, observed) -> dict:
    """Reference name -> the answer's name, matched in registration order by shape, parameters
    with parameters and buffers with buffers (free_names)."""
    values = _decode(observed, "initial values")
    answer_buffers = _names_of(_entry(observed, "buffers (name: shape)"))
    theirs = {"p": [(n, tuple(v.shape)) for n, v in values.items() if n not in answer_buffers],
              "b": [(n, tuple(v.shape)) for n, v in values.items() if n in answer_buffers]}
    out = {}
    for kind, ours in (("p", parameters), ("b", buffers)):
        free = list(theirs[kind])
        for n, t in ours.items():
            for j, (other, shape) in enumerate(free):
                if shape == tuple(t.shape):
                    out[n] = other
                    del free[j]
                    break
    return out


def _describe(step) -> str:
    what = step[0]
    shapes = [tuple(x.shape) for x in step[1:] if isinstance(x, torch.Tensor)]
    shown = ", ".join(str(s) for s in shapes)
    if what == "forward":
        return f"forward {shown}"
    if what == "sgd":
        return f"an SGD step (lr={step[1]}) on the sum of the outputs for {shown}"
    if what == "grad":
        return f"(output * w).sum() backward from x {shapes[0]}"
    if what == "to":
        return f".to({step[1]!r})"
    return f".{what}()"


def scenario(cls, init_args=(), init_kwargs=None, steps=(), observed=None, *, listed: bool = False,
             free_names: bool = False, load_buffers: bool = True) -> dict:
    if observed is None:  # the answer's side: the same initial values at every run
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(0)
            module = cls(*init_args, **(init_kwargs or {}))
    else:  # the reference's side takes the answer's values; the judge runs in threads: leave torch's RNG alone
        module = cls(*init_args, **(init_kwargs or {}))
    if not issubclass(type(module), _Module):  # type(): an object's __class__ can claim anything
        raise AnswerKindError(f"{type.__dict__['__name__'].__get__(cls)}(...) did not build an nn.Module")
    parameters, buffers, _ = _module_state(module)
    rename = _renaming(parameters, buffers, observed) if free_names and observed is not None else {}

    def name(n):
        return rename.get(n, n)
    if observed is not None:
        _load(module, observed, name, load_buffers)
    report: dict = {
        "layers and tensors PyTorch does not see": unregistered(module),
        "parameters (name: shape)": _shapes(parameters, listed, name),
        "buffers (name: shape)": _shapes(buffers, listed, name),
        "state_dict (key: shape)": _shapes(dict(module.state_dict()), listed, name),
        "parameters an optimizer sees": _seen_by_optimizer(module, parameters, listed, name),
    }
    if listed and observed is not None:
        for key in list(report)[1:]:
            report[key] = _facing(report[key], _entry(observed, key))
    report.update({
        "number of parameter elements": sum(p.numel() for p in {id(p): p for p in parameters.values()}.values()),
        "initial values": {**{name(n): p.detach().clone() for n, p in parameters.items()},
                           **{name(n): b.detach().clone() for n, b in buffers.items()}},
    })
    for i, step in enumerate(steps, start=1):
        label = f"step {i}, {_describe(step)}"
        if observed is not None and _entry(observed, f"{label}: {_NOT_ON_META}") is not None:
            report[f"{label}: {_NOT_ON_META}"] = _META_NOTE  # the answer's stopped here: so does the reference
            break
        try:
            report.update(_run(module, label, step, listed, name))
        except Exception as exc:  # later steps depend on this one: the scenario ends here
            if report["layers and tensors PyTorch does not see"]:
                break  # the likely cause: reported from the structure, before any step
            if _on_meta(module, step) and not any(words in str(exc) for words in _DEVICE_BUG):
                report[f"{label}: {_NOT_ON_META}"] = _META_NOTE
                break
            raise
    return report


_NOT_ON_META = "not checked on meta"
_META_NOTE = "meta tensors have no values for this step to use: the CPU steps decide"
_DEVICE_BUG = ("not on the expected device", "on the same device", "convert meta device type tensor to numpy")


def _on_meta(module: _Module, step) -> bool:
    parameters, buffers, _ = _module_state(module)
    tensors = [*parameters.values(), *buffers.values(), *(x for x in step[1:] if isinstance(x, torch.Tensor))]
    return any(t.device.type == "meta" for t in tensors)


def _seen_by_optimizer(module: _Module, parameters: dict, listed: bool = False, name=str) -> list[str]:
    names = {id(p): name(n) for n, p in parameters.items()}
    seen = [names.get(id(p), f"a tensor of shape {tuple(p.shape)} that is not a registered parameter")
            for p in module.parameters()]
    return sorted(seen) if listed else seen


def _run(module: _Module, label: str, step, listed: bool, name) -> dict:
    what, args = step[0], step[1:]
    if what in ("train", "eval"):
        getattr(_Module, what)(module)
        flags = {n or "(the module)": bool(_get(m, "training")) for n, m in _Module.named_modules(module)}
        if listed:
            own = flags.pop("(the module)")
            flags = {"the module": own, "submodules in the other mode": sorted(n for n, f in flags.items() if f != own)}
        return {f"{label}: training flags": flags}
    if what == "double":
        _Module.double(module)
        return {f"{label}: dtypes": _states(module, lambda t: str(t.dtype), name)}
    if what == "to":
        _Module.to(module, args[0])
        return {f"{label}: devices": _states(module, lambda t: str(t.device), name)}
    if what == "forward":
        out = module(*args)
        _, buffers, _ = _module_state(module)
        result = {f"{label}: output": out}
        if buffers:  # copies as they are now (later steps update them in place); a graph stays visible
            result[f"{label}: buffers after"] = {name(n): b.clone() for n, b in buffers.items()}
        return result
    if what == "sgd":
        lr, inputs = args[0], args[1:]
        optimizer = torch.optim.SGD(module.parameters(), lr=lr)
        optimizer.zero_grad()
        out = module(*inputs)
        outs = out if isinstance(out, (list, tuple)) else [out]
        loss = sum(o.sum() for o in outs)
        if isinstance(loss, torch.Tensor) and loss.requires_grad:  # else nothing moves, and the outputs say why
            loss.backward()
        optimizer.step()
        parameters, _, _ = _module_state(module)
        return {f"{label}: parameters after": {name(n): p.detach().clone() for n, p in parameters.items()}}
    if what == "grad":  # the gradient that reaches the input: a batch statistic detached shows here
        x, w = args[0].detach().clone().requires_grad_(), args[1]
        out = module(x)
        loss = (out * w).sum() if isinstance(out, torch.Tensor) else None
        got = None
        if isinstance(loss, torch.Tensor) and loss.requires_grad:
            got = torch.autograd.grad(loss, x, allow_unused=True)[0]
        return {f"{label}: output": out,
                f"{label}: input gradient": got if got is not None else "no gradient reaches the input"}
    raise ValueError(f"unknown scenario step {what!r}")


def _states(module: _Module, describe, name=str) -> dict:
    parameters, buffers, _ = _module_state(module)
    return {name(n): describe(t) for n, t in {**parameters, **buffers}.items()}


_SEALED = sealed(scenario, _encode_module)
