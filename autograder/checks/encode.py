"""What crosses from the process that runs student code to the process that judges it.

`encode` turns whatever the student's function returned into plain data: tensors (exact
`torch.Tensor` or `nn.Parameter` only), numbers, strings, and tagged dicts for containers, modules
and anything else. `dumps`/`loads` move it as bytes through `torch.save` and
`torch.load(weights_only=True)`, which refuses every class outside PyTorch's allow-list: nothing
the student defines is ever unpickled by the judge.

Everything encoded in one `dumps` call keeps its storage sharing, so the judge can tell a view
from a copy and see in-place changes to the inputs.
"""
from __future__ import annotations

import collections
import io
from typing import Any

import numpy
import torch

_SCALARS = (bool, int, float, complex, str, type(None))
MAX_BYTES = 256 * 2**20  # an observation larger than this is refused, not loaded


def tensor_meta(t: torch.Tensor) -> dict:
    return {
        "requires_grad": bool(t.requires_grad),
        "is_leaf": bool(t.is_leaf),
        "grad_fn": type(t.grad_fn).__name__ if t.grad_fn is not None else None,
        "parameter": type(t) is torch.nn.Parameter,
        "grad": _grad(t),
    }


def _grad(t: torch.Tensor):
    if not t.is_leaf:  # only leaves accumulate .grad (reading it on others warns)
        return None
    g = t.grad
    return g.detach() if type(g) is torch.Tensor else None


def encode(obj: Any, inputs: dict[int, str] | None = None, _depth: int = 0) -> Any:
    """Plain-data form of `obj`. `inputs` maps id() of input objects to their names, so that
    returning an input object itself (not a copy) is visible to the judge as {"same": name}."""
    if _depth > 50:
        return {"kind": "too deep"}
    inputs = inputs or {}
    tag = {"same": inputs[id(obj)]} if id(obj) in inputs else {}
    cls = type(obj)
    if cls is torch.Tensor or cls is torch.nn.Parameter:
        return {"kind": "tensor", "data": obj.detach(), **tensor_meta(obj), **tag}
    if cls in _SCALARS:  # small ints and strings are shared objects: identity means nothing
        return obj
    if cls is torch.Size:
        return {"kind": "size", "items": [int(i) for i in obj]}
    if cls in (torch.dtype, torch.device):
        return {"kind": cls.__name__, "value": str(obj)}
    # Containers are read through the base types' own methods: a subclass's overrides never run.
    if cls in (tuple, list):
        return {"kind": cls.__name__, "items": [encode(o, inputs, _depth + 1) for o in _items(obj)], **tag}
    if isinstance(obj, tuple) and hasattr(cls, "_fields"):
        return {"kind": "namedtuple", "type": _qualname(cls), "fields": [str(f) for f in _items(cls._fields)],
                "items": [encode(o, inputs, _depth + 1) for o in _items(obj)], **tag}
    if cls in _DICTS:
        return {"kind": "dict", "type": _qualname(cls),
                "keys": [encode(k, None, _depth + 1) for k in dict.keys(obj)],
                "items": [encode(v, inputs, _depth + 1) for v in dict.values(obj)], **tag}
    if isinstance(obj, torch.nn.Module):
        parameters, buffers, training = _module_state(obj)
        return {"kind": "module", "type": _qualname(cls),
                "parameters": {n: encode(p, inputs, _depth + 1) for n, p in parameters.items()},
                "buffers": {n: encode(b, inputs, _depth + 1) for n, b in buffers.items()},
                "training": training, "layers": _module_layers(obj), **tag}
    if cls is numpy.ndarray or (isinstance(obj, numpy.generic) and cls.__module__ == "numpy"):
        return _ndarray(obj, tag)
    if isinstance(obj, torch.Tensor):  # a subclass: never let its own code run
        return {"kind": "other", "type": _qualname(cls), "subclass_of": "torch.Tensor", **tag}
    return {"kind": "other", "type": _qualname(cls), **tag}


_DICTS = (dict, collections.OrderedDict, collections.defaultdict)


def _ndarray(obj, tag: dict) -> dict:
    """A NumPy array or scalar: its dtype's name and its values as a tensor (None for dtypes torch
    has no tensor for, such as object arrays)."""
    array = numpy.array(obj, copy=True)
    try:
        data = torch.from_numpy(array) if array.dtype.kind in "biufc" else None
    except TypeError:  # uint16 and other dtypes without a torch tensor
        data = None
    return {"kind": "ndarray", "dtype": str(array.dtype), "shape": [int(n) for n in array.shape],
            "scalar": not isinstance(obj, numpy.ndarray), "data": data, **tag}


def _items(seq) -> list:
    base = tuple if isinstance(seq, tuple) else list
    return [base.__getitem__(seq, i) for i in range(base.__len__(seq))]


def _module_state(module: torch.nn.Module, prefix: str = "", depth: int = 0):
    """What a module really registered: its `_parameters`, `_buffers` and `_modules` dicts, read
    without calling anything the module's class could override (named_parameters, __getattr__)."""
    get = object.__getattribute__
    parameters, buffers = {}, {}
    for name, p in dict.items(get(module, "_parameters")):
        if p is not None:
            parameters[prefix + name] = p
    for name, b in dict.items(get(module, "_buffers")):
        if b is not None:
            buffers[prefix + name] = b
    if depth < 50:
        for name, child in dict.items(get(module, "_modules")):
            if isinstance(child, torch.nn.Module):
                p, b, _ = _module_state(child, f"{prefix}{name}.", depth + 1)
                parameters.update(p)
                buffers.update(b)
    return parameters, buffers, bool(get(module, "training"))


_SETTING_TYPES = (bool, int, float, str, type(None))


def _setting(value):
    """A layer's setting as plain data (padding, stride, eps, inplace...), or None for anything else."""
    if type(value) in _SETTING_TYPES:
        return value
    if type(value) in (tuple, list) and all(type(v) in _SETTING_TYPES for v in _items(value)):
        return [v for v in _items(value)]
    if type(value) in (torch.dtype, torch.device, torch.Size):
        return str(value)
    return None


def _module_layers(module: torch.nn.Module) -> dict:
    """Per submodule (qualified name, "" for the module itself): its train/eval mode, its plain
    settings, its hooks, and which of its own parameters require grad: what a function given a
    model may not change behind the caller's back. Read from the instance dicts, as _module_state."""
    get = object.__getattribute__
    out, stack = {}, [("", module, 0)]
    while stack:
        prefix, m, depth = stack.pop()
        own = get(m, "__dict__")
        settings = {}
        for k, v in dict.items(own):
            if isinstance(k, str) and not k.startswith("_") and k != "training":
                plain = _setting(v)
                if plain is not None:
                    settings[k] = plain
        hooks = sum(len(dict.keys(d)) for k, d in dict.items(own)
                    if isinstance(k, str) and k.endswith("_hooks") and isinstance(d, dict))
        out[prefix] = {"training": bool(get(m, "training")), "settings": settings, "hooks": hooks,
                       "attributes": sorted(str(k) for k in dict.keys(own)),
                       "requires_grad": {n: bool(p.requires_grad) for n, p in dict.items(get(m, "_parameters"))
                                         if isinstance(p, torch.Tensor)}}
        if depth < 50:
            for name, child in dict.items(get(m, "_modules")):
                if isinstance(child, torch.nn.Module):
                    stack.append((f"{prefix}{name}." if prefix else f"{name}.", child, depth + 1))
    return {k.rstrip("."): v for k, v in out.items()}


def _qualname(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def dumps(obj: Any) -> bytes:
    buf = io.BytesIO()
    torch.save(obj, buf)
    return buf.getvalue()


def loads(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise ValueError(f"observation of {len(data)} bytes is over the {MAX_BYTES}-byte limit")
    return torch.load(io.BytesIO(data), weights_only=True, map_location=_map_location)


def _map_location(storage, location):
    # A CUDA observation on a machine (or process) without CUDA stays readable as metadata.
    if location.startswith("cuda") and not torch.cuda.is_available():
        return storage.cpu()
    return storage
