"""Recording which tensor ops the student's code runs, for the rules (forbidden ops, vectorized,
no autograd).

Two witnesses, both switched on only around the student's call:
- the (legacy, CPU) autograd profiler's RecordFunction hooks in PyTorch's dispatcher. They fire for every op
  call, composite ops included (`aten::einsum`, `aten::cdist` before they decompose), however the
  op was reached (`torch.ops.aten...`, an alias, a method), and Python dispatch modes being
  switched off does not hide anything from them;
- a TorchFunctionMode, for what never reaches the dispatcher: `Tensor.tolist()`, `.numpy()`.

A sentinel with a random name is recorded first and last: if the student's code stops or
restarts the profiler, a sentinel goes missing and the trace is reported as not intact.
"""
from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field

import torch
from torch.autograd.profiler import profile as _profile
from torch.autograd.profiler import record_function as _record_function
from torch.overrides import TorchFunctionMode

# Dispatcher events that are bookkeeping, not ops the student chose.
_NOT_OPS = ("PythonDispatchMode", "PythonTLSSnapshot")
_AUTOGRAD_ENGINE = "autograd::engine::evaluate_function"


@dataclass
class Trace:
    aten: Counter = field(default_factory=Counter)  # "convolution" -> calls
    functions: Counter = field(default_factory=Counter)  # "einsum" -> calls
    autograd: bool = False  # the autograd engine ran (backward / autograd.grad)
    intact: bool = True  # both sentinels were seen: the recording was not interrupted
    top_level: int = 0  # ops called from Python (not from inside another op): what a loop multiplies
    top: Counter = field(default_factory=Counter)  # those ops by name: "matmul" -> calls

    @property
    def op_count(self) -> int:
        return self.top_level

    def to_dict(self) -> dict:
        return {"aten": dict(self.aten), "functions": dict(self.functions),
                "autograd": self.autograd, "intact": self.intact, "top_level": self.top_level,
                "top": dict(self.top)}

    @classmethod
    def from_dict(cls, d: dict) -> "Trace":
        return cls(Counter(d["aten"]), Counter(d["functions"]), bool(d["autograd"]), bool(d["intact"]),
                   int(d["top_level"]), Counter(d.get("top", {})))


class _FunctionLog(TorchFunctionMode):
    def __init__(self, log: Counter):
        super().__init__()
        self._log = log

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self._log[getattr(func, "__name__", str(func)).split(".")[0]] += 1
        return func(*args, **(kwargs or {}))


class _Events:
    """Starts PyTorch's profiler and, when stopped, gives the names of the ops it recorded.

    The legacy CPU profiler is silent and cheap when its raw records are read directly (its
    context manager builds a tree of FunctionEvents we do not need: 100 ms per session). The
    kineto profiler records the same events but prints log lines at every start and stop: it
    is only the fallback for a torch without the legacy one."""

    def start(self) -> None:
        if _LEGACY is None:
            self._prof = _profile(use_kineto=False)
            self._prof.__enter__()
        else:
            torch.autograd._enable_profiler_legacy(_LEGACY)

    def stop(self) -> list[tuple[str, int]]:
        """(name, depth) of every recorded op; depth 0 is an op called from Python, deeper ones run
        inside another op (F.unfold's CPU kernel, for instance, calls `select` once per sample)."""
        if _LEGACY is None:
            self._prof.__exit__(None, None, None)
            return [(e.name, _depth(e)) for e in self._prof.function_events]
        events = []
        for thread in torch.autograd._disable_profiler_legacy():
            depth = 0
            for e in thread:
                if e.kind() == "push":
                    events.append((e.name(), depth))
                    depth += 1
                elif e.kind() == "pop":
                    depth = max(depth - 1, 0)
        return events


def _depth(event) -> int:
    depth, parent = 0, event.cpu_parent
    while parent is not None:
        depth, parent = depth + 1, parent.cpu_parent
    return depth


def _legacy_config():
    try:
        from torch.autograd import ProfilerConfig, ProfilerState
        from torch._C._profiler import _ExperimentalConfig
        if not hasattr(torch.autograd, "_enable_profiler_legacy"):
            return None
        return ProfilerConfig(ProfilerState.CPU, False, False, False, False, False, _ExperimentalConfig())
    except (ImportError, AttributeError, TypeError):
        return None


_LEGACY = _legacy_config()


class Recorder:
    """`with Recorder() as rec: fn(...)`, then `rec.trace`."""

    def __init__(self):
        self.trace = Trace()
        self._sentinel = f"autograder::sentinel::{secrets.token_hex(8)}"

    def __enter__(self):
        self._events = _Events()
        self._events.start()
        with _record_function(self._sentinel + "::begin"):
            pass
        self._fmode = _FunctionLog(self.trace.functions)
        self._fmode.__enter__()
        return self

    def __exit__(self, *exc):
        try:
            self._fmode.__exit__(None, None, None)
        except Exception:  # the mode stack was tampered with
            self.trace.intact = False
        try:
            with _record_function(self._sentinel + "::end"):
                pass
            events = self._events.stop()
        except Exception:  # the profiler was stopped by someone else
            self.trace.intact = False
            return False
        names = [name for name, _ in events]
        if names.count(self._sentinel + "::begin") != 1 or names.count(self._sentinel + "::end") != 1:
            self.trace.intact = False
        for name, depth in events:
            if name.startswith("aten::"):
                self.trace.aten[name[6:]] += 1
                self.trace.top_level += depth == 0
                if depth == 0:
                    self.trace.top[name[6:]] += 1
            elif name.startswith(_AUTOGRAD_ENGINE):
                self.trace.autograd = True
                self.trace.top_level += depth == 0
        return False


# ---- the rules, evaluated on a trace -------------------------------------------------------

# Calls that take data out of torch: a loop over their result is invisible to op counting.
LEAVES_TORCH = frozenset({"tolist", "numpy", "__array__"})


def forbidden_used(trace: Trace, forbidden) -> list[tuple[str, str]]:
    """[(rule name, the op as recorded)] for every forbidden op the trace contains."""
    hits = []
    for rule in forbidden:
        for op in sorted(rule.aten & set(trace.aten)):
            hits.append((rule.name, f"aten::{op}"))
        for fn in sorted(rule.functions & set(trace.functions)):
            hits.append((rule.name, f"torch.{fn}"))
    return hits


# Forward-mode AD (torch.func.jvp/jacfwd, torch.autograd.forward_ad) never starts the engine:
# its dual-number ops give it away.
_FORWARD_AD = frozenset({"_make_dual", "_unpack_dual"})


def used_autograd(trace: Trace) -> bool:
    return trace.autograd or bool({"backward", "grad"} & set(trace.functions)) or bool(_FORWARD_AD & set(trace.aten))


def left_torch(trace: Trace) -> list[str]:
    return sorted(LEAVES_TORCH & set(trace.functions))
