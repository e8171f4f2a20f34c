"""Answers that are datasets, samplers and collate functions, observed the way a DataLoader uses
them (in the main process: `num_workers=0`, no thread, no subprocess).

- `items(dataset, indices)`: `len(dataset)` and `dataset[i]` for each index, each recorded as data
  or as the exception it raised, so that one bad index does not hide the others.
- `first_batch(dataset, batch_size, collate_fn)`: what `DataLoader(...)` yields first.
- `weighted_sampler_facts(sampler)`: what a `WeightedRandomSampler` was built with, read from the
  object's own `__dict__` (no property or `__getattr__` of a subclass runs).
- `draw(sampler, n, seed)`: `n` indices drawn by iterating the sampler as a DataLoader does,
  with torch's global generator seeded (a sampler without a generator of its own draws from it).
- `Tripwires`: functions of other modules replaced for a while by wrappers that write down that
  they were called (forbidden readers): a use is detected when the answer runs.
"""
from __future__ import annotations

import importlib
from typing import Iterable

import numpy
import torch
from torch.utils.data import DataLoader, Dataset, WeightedRandomSampler

_get = object.__getattribute__


def raised(exc: BaseException) -> dict:
    """What a call that raised is recorded as (the judge reports "<key>: raised <type>")."""
    return {"kind": "raised", "type": type(exc).__name__, "message": str(exc)[:1000]}


def is_dataset_class(cls) -> bool:
    return isinstance(cls, type) and issubclass(cls, Dataset)


def length(dataset):
    """len(dataset), or what it raised."""
    try:
        return len(dataset)
    except Exception as exc:
        return raised(exc)


def item(dataset, index: int):
    """dataset[index], or what it raised."""
    try:
        return dataset[index]
    except Exception as exc:
        return raised(exc)


def first_batch(dataset, batch_size: int, collate_fn=None):
    """The first batch `DataLoader(dataset, batch_size, collate_fn=...)` yields (num_workers=0),
    or what it raised."""
    try:
        loader = DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=0,
                            **({"collate_fn": collate_fn} if collate_fn is not None else {}))
        return next(iter(loader))
    except Exception as exc:
        return raised(exc)


# ---- samplers ---------------------------------------------------------------------------------

def class_name(obj) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def weighted_sampler_facts(sampler) -> dict:
    """{"weights": float64 tensor | None, "num_samples": int | None, "replacement": bool | None}
    as stored by WeightedRandomSampler.__init__, None where the object has no such value."""
    if not isinstance(sampler, WeightedRandomSampler):
        return {"weights": None, "num_samples": None, "replacement": None}
    own = _get(sampler, "__dict__")
    weights = dict.get(own, "weights")
    num_samples = dict.get(own, "num_samples")
    replacement = dict.get(own, "replacement")
    return {
        "weights": weights.detach().to("cpu", torch.float64).clone() if type(weights) is torch.Tensor else None,
        "num_samples": num_samples if type(num_samples) is int else None,
        "replacement": replacement if type(replacement) is bool else None,
    }


def _index(value):
    """An index as a DataLoader would use it: a Python int, a NumPy integer or a one-element
    integer tensor; None for anything else."""
    if type(value) is int:
        return value
    if isinstance(value, numpy.integer):
        return int(value)
    if type(value) is torch.Tensor and value.numel() == 1 and not value.is_floating_point() \
            and value.dtype != torch.bool:
        return int(value.item())
    return None


def draw(sampler, n: int, seed: int) -> dict:
    """Iterate `sampler` (as many passes as it takes) until `n` indices are drawn, torch's global
    generator seeded with `seed` and restored afterwards. Returns {"indices": int64 tensor of the
    valid indices, "not an index": how many yielded values were not integers, "passes": passes
    made, "stopped": whether a pass yielded nothing}."""
    out: list[int] = []
    bad = passes = 0
    stopped = False
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        while len(out) + bad < n:
            passes += 1
            before = len(out) + bad
            for value in iter(sampler):
                i = _index(value)
                if i is None:
                    bad += 1
                else:
                    out.append(i)
                if len(out) + bad >= n:
                    break
            if len(out) + bad == before:
                stopped = True
                break
    return {"indices": torch.tensor(out, dtype=torch.int64), "not an index": bad, "passes": passes,
            "stopped": stopped}


# ---- tripwires --------------------------------------------------------------------------------

class Tripwires:
    """`with Tripwires({"package.module": ("fn", ...)}) as wires: ...`; then `wires.called` lists
    "package.module.fn" for every wired function called inside the block, in the order of first
    call. Each function is replaced in its module by a wrapper that writes the call down and
    calls the original; the originals are put back on exit.

    A reference taken before the block (`from package.module import fn`) still reaches the
    original: wire the functions it calls through its module's globals as well, so that the
    call is seen one level down. A module that cannot be imported is skipped: code that cannot
    import it cannot call it either."""

    def __init__(self, targets: dict[str, Iterable[str]]):
        self.targets = {module: tuple(names) for module, names in targets.items()}
        self.called: list[str] = []
        self._saved: list[tuple[object, str, object]] = []

    def _wrap(self, label: str, original):
        called = self.called

        def wire(*args, **kwargs):
            if label not in called:
                called.append(label)
            return original(*args, **kwargs)
        wire.__name__ = getattr(original, "__name__", "wire")
        wire.__doc__ = getattr(original, "__doc__", None)
        return wire

    def __enter__(self):
        for module_name, names in self.targets.items():
            try:
                module = importlib.import_module(module_name)
            except Exception:
                continue
            for name in names:
                original = module.__dict__.get(name)
                if original is None or not callable(original):
                    continue
                self._saved.append((module, name, original))
                setattr(module, name, self._wrap(f"{module_name}.{name}", original))
        return self

    def __exit__(self, *exc):
        while self._saved:
            module, name, original = self._saved.pop()
            setattr(module, name, original)
        return False
