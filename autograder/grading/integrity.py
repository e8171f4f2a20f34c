"""Keeping what the observer relies on out of student code's reach (docs/grading.md, layer 6).

Three measures, all prepared in the fork server before any student code exists:

- `freeze`: the functions that run beside student code after it started (the checking
  library's observe/encode/trace, the driver, signing, the sandbox) are cloned with private
  copies of their module globals (and of builtins), in which every module is a snapshot copy.
  Patching `autograder.checks.encode.encode`, `builtins.dict` or `torch.nn.Parameter` then
  changes nothing the clones call.
- `make_immutable`: the classes whose methods the observer calls on objects (torch.Tensor,
  nn.Parameter, nn.Module, the profiler's classes, ...) get CPython's immutable-type flag, so
  `torch.Tensor.detach = ...` raises TypeError instead of taking effect. (Class attribute
  assignment is not an audit event, so the audit hook alone cannot refuse it.)
- `Snapshot`: the identity of every attribute of the modules and classes the observer relies
  on, taken once; the driver compares after every student cell and around every observation,
  reports changes (the exercise of the cell that made them scores 0) and puts the originals back.
"""
from __future__ import annotations

import builtins
import ctypes
import itertools
import operator
import sys
import types

_MISSING = object()
_VALUE = operator.attrgetter("value")
_IMMUTABLE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE
_TP_FLAGS = 21 * ctypes.sizeof(ctypes.c_void_p)  # offsetof(PyTypeObject, tp_flags) on CPython 3.8+

# Modules whose code keeps running in the child after student code started: cloned by `freeze`.
FROZEN = (
    "autograder.checks.encode", "autograder.checks.trace", "autograder.checks.observe",
    "autograder.grading.signing", "autograder.grading.integrity", "autograder.grading.sandbox",
    "autograder.grading.driver",
)

# Classes made immutable in the child; a missing one is skipped (other PyTorch versions).
IMMUTABLE = (
    "torch.Tensor", "torch.nn.Parameter", "torch.nn.Module", "torch.Size",
    "torch.autograd.profiler.profile", "torch.autograd.profiler.record_function",
    "torch.autograd.profiler_legacy.profile", "torch.autograd.profiler_util.EventList",
    "torch.autograd.profiler_util.FunctionEvent", "torch.overrides.TorchFunctionMode",
    "torch.storage.TypedStorage", "torch.storage.UntypedStorage", "collections.Counter",
    "torch.autograd.function.Function", "torch.autograd.function.BackwardCFunction",
    "torch.autograd.function.FunctionCtx", "torch.autograd.function.FunctionMeta",
    "autograder.checks.trace.Recorder", "autograder.checks.trace.Trace",
    "autograder.checks.trace._FunctionLog", "autograder.checks.spec.Case",
)

# Modules always in the snapshot besides those `discover` finds.
ALWAYS = (
    "builtins", "torch", "torch.nn", "torch.nn.functional", "torch.autograd", "torch.testing",
    "torch.autograd.function", "torch.autograd.graph", "torch.autograd.grad_mode",
    "torch.overrides", "torch.serialization", "torch._tensor", "torch.autograd.profiler",
    "torch.autograd.profiler_util", "torch.autograd.profiler_legacy", "autograder",
    "autograder.checks", "autograder.checks.observe", "autograder.checks.encode",
    "autograder.checks.trace", "autograder.checks.judge", "autograder.checks.run",
    "autograder.checks.spec", "autograder.exercises", "collections", "copyreg", "pickle", "io",
    "os", "json", "json.encoder", "struct", "hmac", "_hashlib", "threading", "_thread", "signal",
    "_signal", "gc", "secrets", "traceback", "linecache", "warnings", "functools", "types",
    "weakref", "copy", "zipfile", "dataclasses", "contextlib",
)
# Whole packages in the snapshot: the checking library and the exercises, whose adapters and
# extras run beside student code during an observation.
ALWAYS_PACKAGES = ("autograder.checks", "autograder.exercises")


def course_modules() -> set[str]:
    return {n for n in sys.modules if n.startswith(tuple(p + "." for p in ALWAYS_PACKAGES)) or n in ALWAYS_PACKAGES}


# Entries that change in normal operation (IPython's output history in builtins).
VOLATILE = {"builtins": {"_", "__", "___"},
            # torch counts hook handles in a class attribute: every register_*_hook changes it
            "torch.utils.hooks.RemovableHandle": {"next_id"}}


def _resolve(dotted: str):
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        mod = sys.modules.get(".".join(parts[:cut]))
        if mod is None:
            continue
        obj = mod
        try:
            for p in parts[cut:]:
                obj = getattr(obj, p)
        except AttributeError:
            return None
        return obj
    return None


# ---- freezing the observer's code --------------------------------------------------------------

def _shallow(module: types.ModuleType, memo: dict, depth: int) -> types.ModuleType:
    if id(module) in memo:
        return memo[id(module)]
    copy = types.ModuleType(module.__name__)
    memo[id(module)] = copy
    copy.__dict__.update(module.__dict__)
    if depth > 0:  # torch.nn.Parameter, torch.autograd.grad: one level of submodules frozen too
        for k, v in module.__dict__.items():
            if isinstance(v, types.ModuleType) and v.__name__.startswith(module.__name__ + "."):
                copy.__dict__[k] = _shallow(v, memo, depth - 1)
    return copy


def _clone(f: types.FunctionType, g: dict) -> types.FunctionType:
    c = types.FunctionType(f.__code__, g, f.__name__, f.__defaults__, f.__closure__)
    c.__kwdefaults__ = f.__kwdefaults__
    c.__qualname__, c.__module__, c.__doc__ = f.__qualname__, f.__module__, f.__doc__
    c.__dict__.update(f.__dict__)
    return c


def freeze(names=FROZEN) -> dict[str, types.ModuleType]:
    """Frozen namespaces of the modules `names`: name -> a module object whose functions are
    clones bound to private globals. Classes defined in those modules keep their identity (the
    judge and the cases refer to them) but their methods are rebound to the clones."""
    originals = {n: sys.modules[n] for n in names}
    frozen = {n: types.ModuleType(n) for n in names}
    private_builtins = dict(builtins.__dict__)
    by_dict = {id(m.__dict__): frozen[n].__dict__ for n, m in originals.items()}
    clones: dict[int, types.FunctionType] = {}
    memo: dict[int, types.ModuleType] = {id(m): frozen[n] for n, m in originals.items()}
    for n in names:
        frozen[n].__dict__["__builtins__"] = private_builtins

    def clone(f):
        if id(f) not in clones:
            clones[id(f)] = _clone(f, by_dict[id(f.__globals__)])
        return clones[id(f)]

    def mapped(v):
        if isinstance(v, types.FunctionType) and id(v.__globals__) in by_dict:
            return clone(v)
        if isinstance(v, types.ModuleType):
            return _shallow(v, memo, 1 if v.__name__ == "torch" else 0)
        return v

    for n, m in originals.items():
        g = frozen[n].__dict__
        for k, v in m.__dict__.items():
            if k != "__builtins__":
                g[k] = mapped(v)
        for v in list(m.__dict__.values()):
            if isinstance(v, type) and v.__module__ == n:
                _rebind(v, mapped)
    return frozen


def _rebind(cls: type, mapped) -> None:
    for k, v in list(vars(cls).items()):
        if isinstance(v, types.FunctionType):
            new = mapped(v)
        elif isinstance(v, staticmethod):
            new = staticmethod(mapped(v.__func__))
        elif isinstance(v, classmethod):
            new = classmethod(mapped(v.__func__))
        elif isinstance(v, property):
            new = property(*(mapped(f) if f is not None else None for f in (v.fget, v.fset, v.fdel)), v.__doc__)
        else:
            continue
        if new is not v:
            type.__setattr__(cls, k, new)


# ---- immutable classes -------------------------------------------------------------------------

def make_immutable(names=IMMUTABLE) -> list[type]:
    done = []
    for name in names:
        cls = _resolve(name)
        if not isinstance(cls, type) or cls.__flags__ & _IMMUTABLE:
            continue
        flags = ctypes.c_ulong.from_address(id(cls) + _TP_FLAGS)
        if flags.value != cls.__flags__:  # not the layout we expect: leave it alone
            continue
        flags.value |= _IMMUTABLE
        done.append(cls)
    return done


# ---- the snapshot ------------------------------------------------------------------------------

def discover(sample) -> set[str]:
    """Names of the modules whose Python code runs when `sample()` runs (a sample observation,
    signing and writing): what a patch would have to reach to change an observation."""
    seen: set[str] = set()

    def prof(frame, event, arg):
        if event == "call":
            seen.add(frame.f_globals.get("__name__", ""))

    old = sys.getprofile()
    sys.setprofile(prof)
    try:
        sample()
    finally:
        sys.setprofile(old)
    return {n for n in seen if n and n in sys.modules and n != "__main__"}


def _version_tags(dicts: list[dict]):
    """CPython's per-dict version tags (PEP 509), read in place: a dict whose tag has not moved
    has not been modified, which makes a look at the whole snapshot cost microseconds. None
    where the layout is not 3.11's (the full comparison then runs every time)."""
    if sys.version_info[:2] != (3, 11):
        return None
    probe = {"a": 1}
    tag = ctypes.c_uint64.from_address(id(probe) + 24)
    before = tag.value
    probe["b"] = 2
    if tag.value == before:
        return None
    return [ctypes.c_uint64.from_address(id(d) + 24) for d in dicts]


class Snapshot:
    """The identity of every attribute of some modules and of the classes defined in them."""

    def __init__(self, module_names):
        self.modules = []
        self.classes = []
        self._class_skip = []  # per class: the attributes VOLATILE leaves out
        self._names, self._objects, self._kinds = [], [], []
        seen = set()
        for name in sorted(set(module_names)):
            m = sys.modules.get(name)
            if not isinstance(m, types.ModuleType):
                continue
            skip = VOLATILE.get(name, set())
            saved = {k: v for k, v in vars(m).items() if k not in skip}
            self.modules.append((name, m, type(m), saved))
            self._names.append(name)
            self._objects.append(m)
            self._kinds.append(type(m))
            for v in saved.values():
                if isinstance(v, type) and id(v) not in seen and getattr(v, "__module__", None) == name:
                    seen.add(id(v))
                    self._add_class(v)
        for name in IMMUTABLE + ("torch.Tensor",):
            v = _resolve(name)
            if isinstance(v, type) and id(v) not in seen:
                seen.add(id(v))
                self._add_class(v)
        import gc

        dicts = [m.__dict__ for _, m, _, _ in self.modules] + \
            [gc.get_referents(vars(c))[0] for c, _ in self.classes]
        self._tags = _version_tags(dicts)
        self._versions = list(map(_VALUE, self._tags)) if self._tags else None

    def _add_class(self, cls) -> None:
        skip = VOLATILE.get(f"{cls.__module__}.{cls.__qualname__}", set())
        self.classes.append((cls, {k: v for k, v in vars(cls).items() if k not in skip}))
        self._class_skip.append(skip)

    def rebase(self, names) -> None:
        """Accept the current state of modules `names` (the sandbox's own patches)."""
        for i, (name, m, kind, saved) in enumerate(self.modules):
            if name in names:
                skip = VOLATILE.get(name, set())
                self.modules[i] = (name, m, kind, {k: v for k, v in vars(m).items() if k not in skip})
        if self._tags is not None:
            self._versions = list(map(_VALUE, self._tags))

    def changes(self, repair: bool = True) -> list[str]:
        """What differs from the snapshot, in words; with `repair`, the originals are put back.
        Only the dicts whose version tag moved are compared (all of them without tags)."""
        modules, objects = sys.modules, self._objects
        if not (all(map(operator.is_, map(modules.get, self._names), objects)) and
                all(map(operator.is_, map(type, objects), self._kinds))):
            return self._compare(range(len(self.modules)), range(len(self.classes)), repair)
        if self._tags is None:
            return self._compare(range(len(self.modules)), range(len(self.classes)), repair)
        now = list(map(_VALUE, self._tags))
        if now == self._versions:
            return []
        n = len(self.modules)
        moved = [i for i, (a, b) in enumerate(zip(now, self._versions)) if a != b]
        found = self._compare([i for i in moved if i < n], [i - n for i in moved if i >= n], repair)
        if repair or not found:
            self._versions = list(map(_VALUE, self._tags))
        return found

    def _compare(self, module_indices, class_indices, repair: bool) -> list[str]:
        found = []
        modules = sys.modules
        for i in module_indices:
            name, m, kind, saved = self.modules[i]
            if modules.get(name, _MISSING) is not m:
                found.append(f"sys.modules[{name!r}] was replaced")
                if repair:
                    modules[name] = m
            if type(m) is not kind:
                found.append(f"the class of module {name} was changed")
                if repair:
                    object.__setattr__(m, "__class__", kind)
            cur = m.__dict__
            if all(map(operator.is_, map(cur.get, saved.keys(), itertools.repeat(_MISSING)), saved.values())):
                continue
            for k, v in saved.items():
                if cur.get(k, _MISSING) is not v:
                    found.append(f"{name}.{k} was {'deleted' if k not in cur else 'replaced'}")
                    if repair:
                        cur[k] = v
        for i in class_indices:
            cls, saved = self.classes[i]
            skip = self._class_skip[i]
            cur = {k: v for k, v in vars(cls).items() if k not in skip} if skip else vars(cls)
            if cur.keys() == saved.keys() and all(map(operator.is_, map(cur.get, saved.keys()), saved.values())):
                continue
            where = f"{cls.__module__}.{cls.__qualname__}"
            for k in list(cur.keys() - saved.keys()):
                found.append(f"{where}.{k} was added")
                if repair:
                    _set_class_attr(cls, k, _MISSING)
            for k, v in saved.items():
                if cur.get(k, _MISSING) is not v:
                    found.append(f"{where}.{k} was {'deleted' if k not in cur else 'replaced'}")
                    if repair:
                        _set_class_attr(cls, k, v)
        return found


def _set_class_attr(cls, k, v):
    try:
        if v is _MISSING:
            type.__delattr__(cls, k)
        else:
            type.__setattr__(cls, k, v)
    except (TypeError, AttributeError):
        pass
