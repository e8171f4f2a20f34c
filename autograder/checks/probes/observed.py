"""Reading an observation back on the judge's side.

With `Exercise.reference_sees_output`, the reference receives the answer's output as encode.py
wrote it (tagged dicts for containers, {"kind": "tensor", "data": ...} for tensors). `decode`
turns that back into plain Python values and tensors, so that a reference can decide from what
the sandbox counted (probes/stats.py). Anything that is not plain data (an object of the
student's, recorded as {"kind": "other"}) decodes to None: the judge never sees more than data.
"""
from __future__ import annotations

from typing import Any

import torch

_SEQUENCES = ("list", "tuple", "namedtuple", "size")


def decode(enc: Any, _depth: int = 0) -> Any:
    """encode()'s plain data -> Python lists, tuples, dicts, numbers, strings and tensors."""
    if _depth > 50:
        return None
    if isinstance(enc, (bool, int, float, complex, str)) or enc is None:
        return enc
    if not isinstance(enc, dict):
        return None
    kind = enc.get("kind")
    if kind == "tensor":
        data = enc.get("data")
        return data if isinstance(data, torch.Tensor) else None
    if kind in _SEQUENCES:
        items = [decode(i, _depth + 1) for i in enc.get("items", [])]
        return list(items) if kind == "list" else tuple(items)
    if kind == "dict":
        keys = [decode(k, _depth + 1) for k in enc.get("keys", [])]
        values = [decode(v, _depth + 1) for v in enc.get("items", [])]
        try:
            return dict(zip(keys, values))
        except TypeError:  # an unhashable key
            return None
    return None


def entry(observed: Any, key: str, default: Any = None) -> Any:
    """The decoded value of `key` in an observed dict output (`default` when it is missing)."""
    value = decode(observed)
    if not isinstance(value, dict):
        return default
    return value.get(key, default)


def int_tensor(value: Any, dims: int) -> torch.Tensor | None:
    """`value` if it is an int64 CPU tensor with `dims` dimensions, else None (a malformed
    observation is treated as missing)."""
    if isinstance(value, torch.Tensor) and value.dtype == torch.int64 and value.dim() == dims \
            and value.device.type == "cpu":
        return value
    return None
