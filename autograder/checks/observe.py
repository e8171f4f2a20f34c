"""Running the student's function on the cases and writing down what happened.

This is the only part of a check that runs beside student code. It decides nothing: it records
outputs, gradients, the inputs as they are after the call, any exception and the op trace, as
plain data (encode.py). The verdict is `judge`'s, which may run in another process.
"""
from __future__ import annotations

import os
import traceback
import types
from typing import Any, Callable

import torch

from .encode import encode
from .spec import Case
from .trace import Recorder

_LIBRARY_DIRS = tuple(
    os.path.dirname(os.path.dirname(p)) + os.sep
    for p in (torch.__file__, os.__file__, __file__)
)


def observe(answer, cases: list[Case], recorder: Callable[[], Recorder] = Recorder,
            adapter: Callable | None = None, extras: Callable | None = None) -> list[dict]:
    """One record per case. `cases` are consumed: their tensors are handed to the student.
    `answer` is what the student wrote (a function, a class, a tuple of functions); `adapter`
    turns it into what each case calls, and `extras` observes more after each call (spec.py)."""
    return [observe_case(answer, case, recorder, adapter, extras) for case in cases]


def observe_case(answer, case: Case, recorder: Callable[[], Recorder] = Recorder,
                 adapter: Callable | None = None, extras: Callable | None = None) -> dict:
    args = list(case.args)
    for i in case.grad_args:
        args[i] = args[i].detach().requires_grad_()
    names, keep_alive = _input_names(args, case.kwargs)
    rec = recorder()
    error, out, fn = None, None, answer
    try:
        with rec:
            if adapter is not None:
                fn = adapter(answer)
            out = fn(*args, **case.kwargs)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit too: the student's code does not end the check
        error = describe_error(exc, answer)
    record: dict[str, Any] = {"error": error, "trace": rec.trace.to_dict(), "grads": None}
    if error is None and extras is not None:  # before the gradients: they free the graph's saved tensors
        try:
            record["extras"] = encode(extras(out, case, args, recorder), names)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            record["extras"], record["extras_error"] = None, describe_error(exc, answer)
    if error is None and case.grad_output is not None:
        record["grads"], record["grad_error"] = _gradients(out, [args[i] for i in case.grad_args], case.grad_output, answer)
    if error is None and case.gradcheck:
        record["gradcheck"] = _gradcheck(fn, case, answer)
    record["output"] = encode(out, names) if error is None else None
    record["inputs_after"] = [encode(a, None) for a in args]
    record["kwargs_after"] = {k: encode(v, None) for k, v in case.kwargs.items()}
    record["unchanged"] = _unchanged(args, case.kwargs, names)
    del keep_alive  # held so that no id() of an input is reused during the call
    return record


def _gradients(out, inputs, grad_output, fn):
    if not isinstance(out, torch.Tensor) or type(out) is not torch.Tensor or not out.requires_grad:
        return None, None  # the judge reports the broken graph from the output's metadata
    try:
        grads = torch.autograd.grad(out, inputs, grad_output, allow_unused=True)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        return None, describe_error(exc, fn)
    return [encode(g) if g is not None else None for g in grads], None


def _gradcheck(fn, case: Case, answer, eps: float = 1e-6) -> dict:
    """The Jacobians of the student's function in float64: from its own backward (analytical)
    and from finite differences of its forward (numerical). Recorded as data: the judge compares
    them (what torch.autograd.gradcheck does, but decided outside the student's process)."""
    args = [a.detach().to(torch.float64).requires_grad_() if i in case.grad_args else a
            for i, a in enumerate(case.args)]

    def call(xs):
        full = list(args)
        for i, x in zip(case.grad_args, xs):
            full[i] = x
        return fn(*full, **case.kwargs)

    xs = [args[i] for i in case.grad_args]
    try:
        out = call(xs)
        flat = out.reshape(-1)
        analytical = [torch.zeros(flat.numel(), x.numel(), dtype=torch.float64) for x in xs]
        for k in range(flat.numel()):
            rows = torch.autograd.grad(flat[k], xs, retain_graph=True, allow_unused=True)
            for J, row in zip(analytical, rows):
                if row is not None:
                    J[k] = row.reshape(-1)
        numerical = []
        with torch.no_grad():
            for n, x in enumerate(xs):
                J = torch.zeros(flat.numel(), x.numel(), dtype=torch.float64)
                for j in range(x.numel()):
                    shifted = []
                    for sign in (1, -1):
                        moved = [y.detach().clone() for y in xs]
                        moved[n].view(-1)[j] += sign * eps
                        shifted.append(call(moved).reshape(-1).to(torch.float64))
                    J[:, j] = (shifted[0] - shifted[1]) / (2 * eps)
                numerical.append(J)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        return {"error": describe_error(exc, answer)}
    return {"error": None, "analytical": analytical, "numerical": numerical}


def _input_names(args, kwargs) -> tuple[dict[int, str], list]:
    """id() -> a name like "args[0]['x'][1]" for every input object, nested ones included,
    and the objects themselves."""
    names: dict[int, str] = {}
    objects: list = []

    def walk(obj, name, depth=0):
        if depth > 20 or isinstance(obj, (bool, int, float, str, type(None))):
            return
        names.setdefault(id(obj), name)
        objects.append(obj)
        if type(obj) in (list, tuple) or (isinstance(obj, tuple) and hasattr(obj, "_fields")):
            for i, o in enumerate(obj):
                walk(o, f"{name}[{i}]", depth + 1)
        elif isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, f"{name}[{k!r}]", depth + 1)

    for i, a in enumerate(args):
        walk(a, f"args[{i}]")
    for k, v in kwargs.items():
        walk(v, f"kwargs[{k!r}]")
    return names, objects


def _unchanged(args, kwargs, names) -> list[str]:
    """Names of the input objects that are still the same objects at the same place."""
    after, _ = _input_names(args, kwargs)
    return sorted(n for i, n in after.items() if names.get(i) == n)


def _own_code(answer, depth: int = 0) -> set[tuple[str, str]]:
    """(file, name) of the functions the student wrote for `answer`: a function, the methods of a
    class (static, class and properties included), the items of a tuple. Read by exact types
    only: nothing of the student's runs."""
    out: set[tuple[str, str]] = set()
    if depth > 3:
        return out
    if type(answer) is tuple:
        for a in tuple.__iter__(answer):
            out |= _own_code(a, depth + 1)
    elif type(answer) is types.FunctionType:
        out.add((answer.__code__.co_filename, answer.__code__.co_name))
    elif isinstance(answer, type):
        for value in type.__dict__["__dict__"].__get__(answer).values():
            if type(value) in (staticmethod, classmethod):
                value = value.__func__
            elif type(value) is property:
                value = value.fget
            if type(value) is types.FunctionType:
                out.add((value.__code__.co_filename, value.__code__.co_name))
    return out


def describe_error(exc: BaseException, answer) -> dict:
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if not f.filename.startswith(_LIBRARY_DIRS) and f.name != "observe_case"]
    raised_by_stub = bool(frames) and (frames[-1].filename, frames[-1].name) in _own_code(answer)
    lines = [f"  in {f.name}, line {f.lineno}: {(f.line or '').strip()}" for f in own[-6:]]
    message = str(exc)
    return {
        "type": type(exc).__name__,
        "message": message[:2000] + (" …" if len(message) > 2000 else ""),
        "where": "\n".join(lines),
        "not_attempted": isinstance(exc, NotImplementedError) and raised_by_stub,
    }
