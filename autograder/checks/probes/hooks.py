"""Hooks: every hook a model, its tensors and torch's global registries hold, as plain data.

`snapshot(model, tensors)` reads, without calling anything a module's or a hook's class could
override, every hook registered

- on each module of the model (by qualified name, as `named_modules()` gives it): forward
  pre-hooks, forward hooks, backward pre-hooks, backward hooks (full or not), state_dict and
  load_state_dict hooks;
- on each parameter and buffer of the model and on the tensors given (by name): tensor hooks
  (`Tensor.register_hook`) and post-accumulate-grad hooks;
- in torch's global registries (`torch.nn.modules.module.register_module_forward_hook` and the
  others): forward pre-, forward, backward pre-, backward hooks, and the module, parameter and
  buffer registration hooks.

It maps "<kind> on <where> #<id>" to what the hook is ("the function record_output", "a bound
method Recorder.hook"). `left_behind(before, after)` and `removed(before, after)` compare two
snapshots: the hooks an answer added and did not remove, and the hooks that were there before
it ran (anybody else's) and are gone.

`Bystanders` installs hooks of each kind that "somebody else" owns before an answer runs, and
counts their calls, so that a check can say whether the answer removed or silenced them.
"""
from __future__ import annotations

import functools
import threading
import types
from collections import OrderedDict

import torch
import torch.nn.modules.module as _module_module
from torch.utils.hooks import RemovableHandle

_Module = torch.nn.Module
_get = object.__getattribute__
_TENSOR_HOOKS = torch._C.TensorBase.__dict__["_backward_hooks"]
_POST_ACCUMULATE = torch._C.TensorBase.__dict__.get("_post_accumulate_grad_hooks")

MODULE_REGISTRIES = (  # attribute of nn.Module -> what its entries are called
    ("_forward_pre_hooks", "forward pre-hook"),
    ("_forward_hooks", "forward hook"),
    ("_backward_pre_hooks", "backward pre-hook"),
    ("_backward_hooks", "backward hook"),
    ("_state_dict_pre_hooks", "state_dict pre-hook"),
    ("_state_dict_hooks", "state_dict hook"),
    ("_load_state_dict_pre_hooks", "load_state_dict pre-hook"),
    ("_load_state_dict_post_hooks", "load_state_dict post-hook"),
)
GLOBAL_REGISTRIES = (  # attribute of torch.nn.modules.module -> what its entries are called
    ("_global_forward_pre_hooks", "global forward pre-hook"),
    ("_global_forward_hooks", "global forward hook"),
    ("_global_backward_pre_hooks", "global backward pre-hook"),
    ("_global_backward_hooks", "global backward hook"),
    ("_global_module_registration_hooks", "global module registration hook"),
    ("_global_parameter_registration_hooks", "global parameter registration hook"),
    ("_global_buffer_registration_hooks", "global buffer registration hook"),
)


def describe(hook) -> str:
    """What a hook is, in words, read through exact types (nothing of the hook's class runs)."""
    cls = type(hook)
    if cls is _Counter or cls is _GlobalCounter:
        return "a hook that was there before your code ran"
    if cls is types.FunctionType:
        return f"the function {hook.__qualname__}"
    if cls is types.MethodType:
        owner = type(hook.__self__)
        return f"the method {owner.__qualname__}.{hook.__func__.__name__}"
    if cls is functools.partial:
        return f"functools.partial of {describe(hook.func)}"
    if cls is types.BuiltinFunctionType:
        return f"the built-in {hook.__name__}"
    return f"a {cls.__qualname__} object"


def _entries(registry, kind: str, where: str, out: dict) -> None:
    if registry is None:
        return
    if not isinstance(registry, dict):
        out[f"{kind}s of {where}: replaced"] = f"a {type(registry).__qualname__} instead of torch's dict"
        return
    for hook_id, hook in dict.items(registry):
        out[f"{kind} on {where} #{hook_id}"] = describe(hook)


def module_hooks(module: _Module, where: str, out: dict) -> None:
    """The hooks registered on one module (not its children)."""
    state = _get(module, "__dict__")
    full = dict.get(state, "_is_full_backward_hook")
    for attr, kind in MODULE_REGISTRIES:
        if attr == "_backward_hooks" and full is True:
            kind = "full backward hook"
        _entries(dict.get(state, attr), kind, where, out)


def tensor_hooks(t: torch.Tensor, where: str, out: dict) -> None:
    _entries(_TENSOR_HOOKS.__get__(t), "tensor hook", where, out)
    if _POST_ACCUMULATE is not None:
        _entries(_POST_ACCUMULATE.__get__(t), "post-accumulate-grad hook", where, out)


def _walk(module: _Module, prefix: str, seen: set, depth: int = 0):
    """(qualified name, module) for the module and every submodule, each once (as named_modules),
    read through the `_modules` dicts: no override of named_modules runs."""
    if id(module) in seen or depth > 100:
        return
    seen.add(id(module))
    yield prefix, module
    for name, child in dict.items(_get(module, "_modules")):
        if isinstance(child, _Module):
            yield from _walk(child, f"{prefix}.{name}" if prefix else str(name), seen, depth + 1)


def snapshot(model: _Module | None = None, tensors: dict | None = None) -> dict[str, str]:
    """Every hook on `model` (its modules, parameters and buffers), on `tensors` ({name: tensor})
    and in torch's global registries: {"<kind> on <where> #<id>": "<what the hook is>"}."""
    out: dict[str, str] = {}
    seen_tensors: set[int] = set()
    if model is not None:
        for name, module in _walk(model, "", set()):
            where = f"module '{name}'" if name else "the model"
            module_hooks(module, where, out)
            state = _get(module, "__dict__")
            for store, what in (("_parameters", "parameter"), ("_buffers", "buffer")):
                for pname, t in dict.items(dict.get(state, store) or {}):
                    if isinstance(t, torch.Tensor) and id(t) not in seen_tensors:
                        seen_tensors.add(id(t))
                        tensor_hooks(t, f"{what} '{name + '.' if name else ''}{pname}'", out)
    for name, t in (tensors or {}).items():
        if isinstance(t, torch.Tensor) and id(t) not in seen_tensors:
            seen_tensors.add(id(t))
            tensor_hooks(t, f"tensor '{name}'", out)
    for attr, kind in GLOBAL_REGISTRIES:
        _entries(getattr(_module_module, attr, None), kind, "torch (all modules)", out)
    return out


def _say(key: str, what: str) -> str:
    return f"{key.rsplit(' #', 1)[0]}: {what}"


def left_behind(before: dict, after: dict) -> list[str]:
    """The hooks in `after` that were not in `before`, in words, sorted."""
    return sorted(_say(k, v) for k, v in after.items() if k not in before)


def removed(before: dict, after: dict) -> list[str]:
    """The hooks in `before` that are no longer in `after`, in words, sorted."""
    return sorted(_say(k, v) for k, v in before.items() if k not in after)


def added_per_place(before: dict, after: dict, kind: str) -> dict[str, int]:
    """{where: how many hooks of `kind` were added there}: "tensor hook" -> {"parameter 'fc.weight'": 1}."""
    counts: dict[str, int] = {}
    prefix = kind + " on "
    for k in after:
        if k not in before and k.startswith(prefix):
            where = k[len(prefix):].rsplit(" #", 1)[0]
            counts[where] = counts.get(where, 0) + 1
    return counts


_GLOBAL_EXTRAS = ("_global_forward_hooks_always_called", "_global_forward_hooks_with_kwargs")


_GLOBALS_LOCK = threading.RLock()


class keep_globals:
    """`with keep_globals(): ...`: torch's global hook registries are put back as they were on
    entry when the block ends (the same dict objects, with the same entries), whatever ran inside:
    hooks an answer left behind there cannot act on anything that runs later in the process.

    With `isolate=True` the registries are also emptied on entry: global hooks registered before
    (by whatever ran earlier in a notebook's kernel) take no part in the block, and are back
    after it.

    The registries belong to the whole process: in a process that runs several of these blocks in
    threads (a grader judging submissions in parallel), they run one at a time, so that one
    block's hooks never show up in another's snapshots."""

    def __init__(self, isolate: bool = False):
        self.isolate = isolate

    def __enter__(self) -> "keep_globals":
        _GLOBALS_LOCK.acquire()
        try:
            self._saved = []
            for attr in [a for a, _ in GLOBAL_REGISTRIES] + list(_GLOBAL_EXTRAS):
                registry = getattr(_module_module, attr, None)
                if isinstance(registry, dict):
                    self._saved.append((attr, registry, list(dict.items(registry))))
            self._full = getattr(_module_module, "_global_is_full_backward_hook", None)
            if self.isolate:
                for _, registry, _ in self._saved:
                    (OrderedDict if isinstance(registry, OrderedDict) else dict).clear(registry)
        except BaseException:
            _GLOBALS_LOCK.release()
            raise
        return self

    def __exit__(self, *exc) -> bool:
        try:
            for attr, registry, items in self._saved:
                setattr(_module_module, attr, registry)
                kind = OrderedDict if isinstance(registry, OrderedDict) else dict  # torch's are OrderedDicts
                kind.clear(registry)
                for k, v in items:
                    kind.__setitem__(registry, k, v)
            if hasattr(_module_module, "_global_is_full_backward_hook"):
                _module_module._global_is_full_backward_hook = self._full
        finally:
            _GLOBALS_LOCK.release()
        return False


# ---- hooks owned by somebody else ---------------------------------------------------------------

class _Counter:
    """A hook that counts its calls and changes nothing (returns None)."""

    def __init__(self, calls: dict, label: str):
        self.calls, self.label = calls, label

    def __call__(self, *args, **kwargs):
        self.calls[self.label] = self.calls.get(self.label, 0) + 1
        return None


class _GlobalCounter(_Counter):
    """A global forward hook that counts only the calls of the modules it watches."""

    def __init__(self, calls: dict, label: str, watched: set):
        super().__init__(calls, label)
        self.watched = watched

    def __call__(self, module, *args, **kwargs):
        if id(module) in self.watched:
            super().__call__()
        return None


class Bystanders:
    """Hooks that belong to somebody else, installed on a model before an answer runs:

        with Bystanders(model, forward=["features.0"], pre=["fc1"], backward=["fc2"],
                        tensors=["fc1.weight"], global_forward=True) as others:
            ...answer runs...
            others.calls()   # {"forward hook on features.0": 2, ...}: they still ran

    `forward`/`pre` name modules for forward and forward pre-hooks, `backward` modules for full
    backward hooks (not on a module whose output is later modified in place: torch refuses
    that), `tensors` parameters for tensor hooks; `global_forward` adds a global forward hook
    that counts the model's own modules. Every hook counts its calls and returns None. On exit
    the bystanders are removed, whatever the answer did (and wherever it raised)."""

    def __init__(self, model: _Module, *, forward=(), pre=(), backward=(), tensors=(), global_forward=False):
        self.model = model
        self.plan = (tuple(forward), tuple(pre), tuple(backward), tuple(tensors), bool(global_forward))
        self._calls: dict[str, int] = {}
        self._handles: list[RemovableHandle] = []
        self.labels: list[str] = []

    def __enter__(self) -> "Bystanders":
        forward, pre, backward, tensors, global_forward = self.plan
        modules = dict(_walk(self.model, "", set()))
        parameters = dict(_Module.named_parameters(self.model))
        install = [(n, "forward hook", lambda m, h: _Module.register_forward_hook(m, h)) for n in forward] + \
                  [(n, "forward pre-hook", lambda m, h: _Module.register_forward_pre_hook(m, h)) for n in pre] + \
                  [(n, "full backward hook", lambda m, h: _Module.register_full_backward_hook(m, h)) for n in backward]
        for name, kind, register in install:
            label = f"{kind} on {name or 'the model'}"
            self._handles.append(register(modules[name], _Counter(self._calls, label)))
            self.labels.append(label)
        for name in tensors:
            label = f"tensor hook on {name}"
            self._handles.append(torch.Tensor.register_hook(parameters[name], _Counter(self._calls, label)))
            self.labels.append(label)
        if global_forward:
            label = "global forward hook (torch.nn.modules.module.register_module_forward_hook)"
            watched = {id(m) for m in modules.values()}
            self._handles.append(_module_module.register_module_forward_hook(_GlobalCounter(self._calls, label, watched)))
            self.labels.append(label)
        return self

    def calls(self) -> dict[str, int]:
        """{label: calls so far} for every bystander, in the order they were installed."""
        return {label: self._calls.get(label, 0) for label in self.labels}

    def reset(self) -> None:
        self._calls.clear()

    def __exit__(self, *exc) -> bool:
        for handle in self._handles:
            RemovableHandle.remove(handle)
        self._handles.clear()
        return False

