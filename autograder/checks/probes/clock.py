"""Answers that measure time, checked against a fake clock.

A timing function cannot be compared with a reference on real times: they differ from run to
run. Here the clock is replaced for the duration of one call by a deterministic `FakeClock`
whose time moves only when the work being timed runs, by amounts the case chose (seeded), so
that what the answer returns can be compared exactly with what it should have measured:

- `call(fn, args, kwargs, clock=...)` runs `fn` with `time.perf_counter` (and
  `perf_counter_ns`) answering from the fake clock, whichever way the code imported it: the
  `time` module's attribute (`time.perf_counter`, `import time as t`), a name bound to it in
  the globals of `fn` and of the functions it refers to (`from time import perf_counter`,
  helpers in other modules, `timeit.default_timer`), closures and default arguments; a read by
  the answer's code is an event ("read", None) (a library's read for itself is not). The other
  clocks of `time` (`time.time`, `monotonic`, `process_time`, ...) keep answering with real
  values, but a read of one of them by the answer's own code is written down
  (`clock.other_reads`). `torch.cuda.synchronize` is replaced by a recorder (an event in
  `clock.events`) that, for a `fake_cuda` call, pretends a GPU is there (and
  `torch.cuda.is_available()` says True), and otherwise calls the real one after recording.
  Everything is put back before `call` returns or raises: no attribute of `time`, `torch.cuda`
  or any module is left changed. Only the calling thread sees the fake clock.
- `Workload(durations)`: an `fn()` to hand to a timing function; its k-th call takes
  `durations[k]` seconds of fake time (an event ("work", k)).
- `TimedModule(...)`: an `nn.Module` whose forward on a batch of B samples takes
  `forward_cost[0] + forward_cost[1] * B` seconds of fake time and whose backward takes
  `backward_cost[0] + backward_cost[1] * B` (events ("forward", B) and ("backward", B)); with
  `call(..., made=module.input_seconds)`, making a batch of its inputs (torch.randn(B, ...), a
  fill, a copy) takes `input_cost[0] + input_cost[1] * B` (event ("made", shape)).
- `synchronization(events)`: whether a synchronize came before every clock read that starts
  or stops timing work (for asynchronous devices, where a read without one measures a launch).

Workloads and modules are plain picklable objects (they travel in cases); they find the clock
of the running `call` and refuse to run outside one.
"""
from __future__ import annotations

import _thread
import math
import os
import sys
import sysconfig
import time
import types

import torch
from torch.overrides import TorchFunctionMode

PERF_COUNTERS = ("perf_counter", "perf_counter_ns")
OTHER_CLOCKS = ("time", "time_ns", "monotonic", "monotonic_ns", "process_time", "process_time_ns",
                "thread_time", "thread_time_ns", "clock_gettime", "clock_gettime_ns")
_REAL = {name: getattr(time, name) for name in PERF_COUNTERS + OTHER_CLOCKS if hasattr(time, name)}
_REAL_SYNCHRONIZE = torch.cuda.synchronize
_REAL_IS_AVAILABLE = torch.cuda.is_available
_get_ident = _thread.get_ident
_getframe = sys._getframe
_ACTIVE: list = []  # the clocks of the running calls (innermost last)


def _library_prefixes() -> tuple[str, ...]:
    """Where code that is not the answer's lives: the Python installation and this package."""
    paths = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        p = sysconfig.get_paths().get(key)
        if p:
            paths |= {p, os.path.realpath(p)}
    for p in sys.path:
        if p and ("site-packages" in p or "dist-packages" in p):
            paths |= {p, os.path.realpath(p)}
    package = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    paths.add(package)
    return tuple(sorted(p.rstrip(os.sep) + os.sep for p in paths)) + ("<frozen ",)


_LIBRARY = _library_prefixes()


def _is_library(filename: str) -> bool:
    return filename.startswith(_LIBRARY)


class FakeClock:
    """Time that moves only when `advance` is called. `events` lists, in order, ("read", None)
    for every read of the fake perf_counter, ("sync", None) for every torch.cuda.synchronize,
    and whatever the timed work records ("work", k), ("forward", B), ("backward", B)."""

    def __init__(self, start: float = 1000.0):
        self.now = float(start)
        self.events: list[tuple] = []
        self.other_reads: list[str] = []  # "time.time", ... read by the answer's own code
        self.counts: dict = {}
        self.thread = None
        self.quiet = 0  # > 0 while the timed work's own code runs: what it makes is not priced

    def read(self, record: bool = True) -> float:
        if record:
            self.events.append(("read", None))
        return self.now

    def advance(self, seconds: float, event: tuple) -> None:
        if not (seconds >= 0 and math.isfinite(seconds)):
            raise ValueError(f"a duration must be finite and >= 0, got {seconds}")
        self.events.append(event)
        self.now += seconds

    def count(self, key) -> int:
        """How many times `key` was counted before (and count this one)."""
        n = self.counts.get(key, 0)
        self.counts[key] = n + 1
        return n

    def of_kind(self, kind: str) -> list:
        return [detail for k, detail in self.events if k == kind]


def current(what: str = "this object") -> FakeClock:
    if not _ACTIVE:
        raise RuntimeError(f"{what} only runs inside a timing check (autograder.checks.probes.clock.call)")
    return _ACTIVE[-1]


# ---- the work being timed ----------------------------------------------------------------------

class Workload:
    """`fn()` for a timing function: its k-th call takes `durations[k]` seconds of fake time.
    Calls beyond the list repeat its entries from `repeat_from` on, in a cycle."""

    def __init__(self, durations, start: float = 1000.0, repeat_from: int = 0):
        self._durations = tuple(float(d) for d in durations)
        if not self._durations or not 0 <= repeat_from < len(self._durations):
            raise ValueError("a Workload needs at least one duration and 0 <= repeat_from < len(durations)")
        self._repeat_from = int(repeat_from)
        self.start = float(start)  # where the clock of a call starts (far from 0: a raw read is no duration)

    def duration(self, k: int) -> float:
        n = len(self._durations)
        if k < n:
            return self._durations[k]
        return self._durations[self._repeat_from + (k - n) % (n - self._repeat_from)]

    def __call__(self, *args, **kwargs):
        if args or kwargs:
            raise TypeError(f"fn() takes no arguments ({len(args) + len(kwargs)} given)")
        clock = current("fn")
        k = clock.count(("work", id(self)))
        clock.advance(self.duration(k), ("work", k))

    def __repr__(self) -> str:
        return "<fn: a function to time, taking no arguments>"


class _TimedStep(torch.autograd.Function):
    """A linear map of the flattened input whose backward advances the clock (and computes the
    true gradients: an optimizer step changes the weight)."""

    @staticmethod
    def forward(ctx, x, weight, module):
        ctx.save_for_backward(x, weight)
        ctx.module, ctx.shape = module, tuple(x.shape)
        return x.flatten(1) @ weight.t()

    @staticmethod
    def backward(ctx, grad):
        x, weight = ctx.saved_tensors
        module, shape = ctx.module, ctx.shape
        clock = current("the model's backward")
        clock.advance(module.backward_seconds(shape[0]), ("backward", shape[0]))
        clock.quiet += 1
        try:
            grad_x = (grad @ weight).reshape(shape) if ctx.needs_input_grad[0] else None
            grad_w = grad.t() @ x.flatten(1) if ctx.needs_input_grad[1] else None
            return grad_x, grad_w, None
        finally:
            clock.quiet -= 1


class TimedModule(torch.nn.Module):
    """A model whose forward and backward take known (fake) time: forward on B samples of shape
    `in_shape` takes forward_cost[0] + forward_cost[1] * B seconds, backward
    backward_cost[0] + backward_cost[1] * B. It maps each sample to `out_features` numbers."""

    def __init__(self, in_shape, out_features: int, forward_cost, backward_cost, input_cost=(0.0, 0.0)):
        super().__init__()
        self.in_shape = tuple(int(n) for n in in_shape)
        self.forward_cost = tuple(float(c) for c in forward_cost)
        self.backward_cost = tuple(float(c) for c in backward_cost)
        self.input_cost = tuple(float(c) for c in input_cost)
        n_in = math.prod(self.in_shape)
        values = torch.linspace(-0.1, 0.1, out_features * n_in, dtype=torch.float32)
        self.weight = torch.nn.Parameter(values.reshape(out_features, n_in))

    def forward_seconds(self, batch: int) -> float:
        return self.forward_cost[0] + self.forward_cost[1] * batch

    def backward_seconds(self, batch: int) -> float:
        return self.backward_cost[0] + self.backward_cost[1] * batch

    def input_seconds(self, shape) -> float | None:
        """What making a batch of this model's inputs costs (for `call(..., made=...)`); None for
        tensors of other shapes."""
        shape = tuple(shape)
        if len(shape) != len(self.in_shape) + 1 or shape[1:] != self.in_shape:
            return None
        return self.input_cost[0] + self.input_cost[1] * shape[0]

    def forward(self, x):
        if not isinstance(x, torch.Tensor) or tuple(x.shape[1:]) != self.in_shape or x.dim() < 1:
            got = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
            raise ValueError(f"this model takes a batch of samples of shape {self.in_shape}, that is a tensor "
                             f"of shape (B, {', '.join(map(str, self.in_shape))}); got {got}")
        clock = current("the model")
        clock.advance(self.forward_seconds(x.shape[0]), ("forward", int(x.shape[0])))
        clock.quiet += 1
        try:
            return _TimedStep.apply(x, self.weight, self)
        finally:
            clock.quiet -= 1

    def extra_repr(self) -> str:
        return f"in_shape={self.in_shape}, out_features={self.weight.shape[0]}"


# ---- replacing the clock for one call ------------------------------------------------------------

def _originals() -> dict[int, str]:
    """id -> name of every object a call replaces: the real clocks and torch.cuda's functions,
    and whatever the module attributes are now (if code replaced them earlier)."""
    out = {id(f): name for name, f in _REAL.items()}
    for name in PERF_COUNTERS + OTHER_CLOCKS:
        current_value = getattr(time, name, None)
        if current_value is not None:
            out.setdefault(id(current_value), name)
    for name, f in (("synchronize", _REAL_SYNCHRONIZE), ("synchronize", torch.cuda.synchronize),
                    ("is_available", _REAL_IS_AVAILABLE), ("is_available", torch.cuda.is_available)):
        out.setdefault(id(f), name)
    return out


def _own_module(module: types.ModuleType) -> bool:
    """A module of the answer's code: its file is not the library's, or (a module made at run
    time, without a file) it defines functions that are not the library's."""
    file = getattr(module, "__file__", None)
    if isinstance(file, str):
        return not _is_library(file)
    return any(type(v) is types.FunctionType and not _is_library(v.__code__.co_filename)
               for v in list(vars(module).values()))


def _reachable(fn, limit: int = 300) -> tuple[list[types.FunctionType], list[dict]]:
    """The functions of the answer's own code that `fn` can reach by name: through its globals,
    closures and defaults, the methods of classes it names, the functions of its own modules
    (not the library's) that it names; and those modules' namespaces."""
    found, seen, stack, spaces = [], set(), [fn], []
    while stack and len(seen) < limit:
        f = stack.pop()
        if isinstance(f, types.ModuleType):
            if id(f) in seen or not _own_module(f):
                continue
            seen.add(id(f))
            spaces.append(f.__dict__)
            stack.extend(v for v in list(f.__dict__.values()) if type(v) is types.FunctionType or isinstance(v, type))
            continue
        if isinstance(f, (types.MethodType, classmethod, staticmethod)):
            f = f.__func__
        if isinstance(f, type):
            if id(f) in seen:
                continue
            seen.add(id(f))
            stack.extend(v for v in dict(type.__dict__["__dict__"].__get__(f)).values()
                         if isinstance(v, (types.FunctionType, classmethod, staticmethod, property)))
            continue
        if isinstance(f, property):
            stack.extend(g for g in (f.fget, f.fset, f.fdel) if g is not None)
            continue
        if type(f) is not types.FunctionType or id(f) in seen:
            continue
        seen.add(id(f))
        code = f.__code__
        if _is_library(code.co_filename):
            continue
        found.append(f)
        names, codes = set(), [code]
        while codes:
            c = codes.pop()
            names.update(c.co_names)
            codes.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
        g = f.__globals__
        stack.extend(g[n] for n in names if n in g)
        for cell in f.__closure__ or ():
            try:
                stack.append(cell.cell_contents)
            except ValueError:  # an empty cell
                pass
        stack.extend(f.__defaults__ or ())
        stack.extend((f.__kwdefaults__ or {}).values())
    return found, spaces


class _Patch:
    """Replacements made for one call, and how to undo them."""

    def __init__(self, replacements: dict[int, object]):
        self.replacements = replacements
        self.mine = {id(v) for v in replacements.values()}
        self.undo: list = []

    def dict(self, d: dict, force: dict | None = None) -> None:
        for k, v in list(dict.items(d)):
            new = self.replacements.get(id(v))
            if new is not None:
                self.undo.append(("dict", d, k, v, new))
                d[k] = new
        for k, new in (force or {}).items():
            if d.get(k) is not new:
                self.undo.append(("dict", d, k, d.get(k, _MISSING), new))
                d[k] = new

    def function(self, f: types.FunctionType) -> None:
        if id(f) in self.mine:  # one of the replacements (timeit.default_timer is one during the call)
            return
        for cell in f.__closure__ or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            new = self.replacements.get(id(value))
            if new is not None:
                self.undo.append(("cell", cell, None, value, new))
                cell.cell_contents = new
        defaults = f.__defaults__
        if defaults and any(id(d) in self.replacements for d in defaults):
            self.undo.append(("defaults", f, None, defaults, None))
            f.__defaults__ = tuple(self.replacements.get(id(d), d) for d in defaults)
        if f.__kwdefaults__:
            self.dict(f.__kwdefaults__)

    def restore(self) -> None:
        while self.undo:
            kind, where, key, old, new = self.undo.pop()
            if kind == "dict":
                if where.get(key, _MISSING) is new or where is _TIME_DICT or where is _CUDA_DICT:
                    if old is _MISSING:
                        where.pop(key, None)
                    else:
                        where[key] = old
            elif kind == "cell":
                if where.cell_contents is new:
                    where.cell_contents = old
            elif kind == "defaults":
                where.__defaults__ = old


_MISSING = object()
_OWN = globals()  # this module keeps the real functions: never replaced
_TIME_DICT = time.__dict__
_CUDA_DICT = torch.cuda.__dict__


# Torch functions that write a tensor's values: factories, in-place fills of an existing tensor,
# copies. (torch.empty only allocates: `torch.empty(...).normal_()` writes the batch once.)
MAKERS = frozenset({
    "randn", "rand", "randint", "randperm", "normal", "zeros", "ones", "full", "tensor", "as_tensor",
    "randn_like", "rand_like", "randint_like", "zeros_like", "ones_like", "full_like",
    "new_zeros", "new_ones", "new_full", "new_tensor",
    "normal_", "uniform_", "random_", "fill_", "zero_", "bernoulli_", "exponential_", "copy_",
    "to", "cuda", "clone",
})


class _Making(TorchFunctionMode):
    """Advances the clock when the calling thread makes a tensor that `made(shape)` prices (a
    batch of inputs, say): making data takes time too, and the fake clock says how much."""

    def __init__(self, clock: FakeClock, made, thread: int):
        super().__init__()
        self._clock, self._made, self._thread = clock, made, thread

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        name = getattr(func, "__name__", "")
        if name in MAKERS and type(out) is torch.Tensor and _get_ident() == self._thread and not self._clock.quiet \
                and not (args and out is args[0] and not name.endswith("_")):  # .to() that changed nothing
            seconds = self._made(tuple(out.shape))
            if seconds is not None:
                self._clock.advance(seconds, ("made", tuple(out.shape)))
        return out


def call(fn, args=(), kwargs=None, *, clock: FakeClock, fake_cuda: bool = False, made=None):
    """`fn(*args, **kwargs)` with the clocks replaced (see the module's docstring); returns what
    it returns, raises what it raises, and leaves every replaced object as it was before.
    `made(shape)`, if given, prices making a tensor of that shape (seconds, or None for free):
    the clock advances by it whenever the call makes one (factories, in-place fills, copies)."""
    kwargs = kwargs or {}
    me = _get_ident()
    clock.thread = me
    real_perf, real_perf_ns, real_sync = _REAL["perf_counter"], _REAL["perf_counter_ns"], _REAL_SYNCHRONIZE

    # A read counts when the answer's own code makes it (timeit's timing loop is compiled from a
    # string: it counts too); a library reading the clock for itself in the same thread (a gc
    # callback that measures collections, say) gets the fake time without an event.
    def perf_counter():
        if _get_ident() != me:
            return real_perf()
        return clock.read(not _is_library(_getframe(1).f_code.co_filename))

    def perf_counter_ns():
        if _get_ident() != me:
            return real_perf_ns()
        return int(round(clock.read(not _is_library(_getframe(1).f_code.co_filename)) * 1e9))

    def other(name, real):
        def read(*a, **k):
            if _get_ident() == me:
                caller = _getframe(1).f_code.co_filename
                if not _is_library(caller):
                    clock.other_reads.append(f"time.{name}")
            return real(*a, **k)
        read.__name__ = name
        return read

    def synchronize(*a, **k):
        if _get_ident() == me:
            clock.events.append(("sync", None))
        if not fake_cuda:
            return real_sync(*a, **k)
        return None

    def is_available():
        return True

    perf_counter.__name__, perf_counter_ns.__name__ = "perf_counter", "perf_counter_ns"
    synchronize.__name__ = "synchronize"
    by_name = {"perf_counter": perf_counter, "perf_counter_ns": perf_counter_ns, "synchronize": synchronize}
    for name in OTHER_CLOCKS:
        if name in _REAL:
            by_name[name] = other(name, _REAL[name])
    if fake_cuda:
        by_name["is_available"] = is_available
    replacements = {key: by_name[name] for key, name in _originals().items() if name in by_name}
    patch = _Patch(replacements)
    mode = None
    _ACTIVE.append(clock)
    try:
        patch.dict(_TIME_DICT, force={n: by_name[n] for n in PERF_COUNTERS + OTHER_CLOCKS if n in by_name})
        patch.dict(_CUDA_DICT, force={n: by_name[n] for n in ("synchronize", "is_available") if n in by_name})
        for module in list(sys.modules.values()):
            d = getattr(module, "__dict__", None) if isinstance(module, types.ModuleType) else None
            if type(d) is dict and d is not _TIME_DICT and d is not _CUDA_DICT and d is not _OWN:
                patch.dict(d)
        reachable, spaces = _reachable(fn)
        for g in {id(g): g for g in [f.__globals__ for f in reachable] + spaces}.values():
            if g is not _OWN:
                patch.dict(g)
        for f in reachable:
            patch.function(f)
        timeit = sys.modules.get("timeit")
        if isinstance(timeit, types.ModuleType):  # timeit's functions take timer=default_timer as a default
            timer_class = vars(timeit).get("Timer")
            for f in list(vars(timeit).values()) + list(vars(timer_class).values() if isinstance(timer_class, type) else ()):
                if type(f) is types.FunctionType:
                    patch.function(f)
        if made is not None:
            mode = _Making(clock, made, me)
            mode.__enter__()
        return fn(*args, **kwargs)
    finally:
        if mode is not None:
            try:
                mode.__exit__(None, None, None)
            except Exception:  # the code left a mode of its own on the stack
                pass
        patch.restore()
        _ACTIVE.remove(clock)


# ---- reading the events --------------------------------------------------------------------------

def synchronization(events, work=("work", "forward", "backward")) -> dict:
    """Whether a synchronize came before each clock read that starts or stops timing work.

    A read *stops* a timing when work ran since the previous read (the first read stops
    nothing); it needs a ("sync", ...)
    after the last of that work. A read *starts* a timing when work runs after it before the
    next read; it needs a sync after the last work before it (or anywhere before it, if no work
    ran yet: work launched before the call may still be running). A read between two timings
    is both. Returns {"starts", "starts without sync", "stops", "stops without sync"}."""
    kinds = [k for k, _ in events]
    reads = [i for i, k in enumerate(kinds) if k == "read"]
    out = {"starts": 0, "starts without sync": 0, "stops": 0, "stops without sync": 0}
    for n, i in enumerate(reads):
        before = kinds[reads[n - 1] + 1:i] if n else kinds[:i]
        after = kinds[i + 1:reads[n + 1]] if n + 1 < len(reads) else kinds[i + 1:]
        last_work = max((j for j in range(i) if kinds[j] in work), default=-1)
        synced = "sync" in kinds[last_work + 1:i]
        if n and any(k in work for k in before):
            out["stops"] += 1
            out["stops without sync"] += not synced
        if any(k in work for k in after):
            out["starts"] += 1
            out["starts without sync"] += not synced
    return out


def describe_synchronization(summary: dict) -> str:
    """In words: "before every start and every stop", or what is missing."""
    missing = []
    if summary["starts without sync"]:
        missing.append(f"missing before {summary['starts without sync']} of {summary['starts']} clock reads "
                       "that start a timing")
    if summary["stops without sync"]:
        missing.append(f"missing before {summary['stops without sync']} of {summary['stops']} clock reads "
                       "that stop a timing")
    if not summary["starts"] and not summary["stops"]:
        return "no timing found (no clock read next to the timed work)"
    return "; ".join(missing) if missing else "before every start and every stop"
