"""Observing code that runs *between* calls of student code, out of reach of what those calls patch.

A probe that builds a student's class and then reads what PyTorch sees of it runs student code
(`__init__`, `forward`, a `save_checkpoint`) and the library's own code in turns. Whatever checks
the library's modules around an observation (the grader's integrity snapshot) sees them as they are
before and after the whole observation, not in between: student code could patch a helper the
probe is about to call and put it back in its next call, unseen.

`sealed(fn, *modules)` closes that gap without knowing who checks what. At each call it copies the
globals of fn's own module, of `modules` and of `builtins`, as they are when the call starts (before
any student code of this call ran), and runs fn as a clone bound to those copies: the functions of
those modules it calls are clones bound to the copies too, and references among the modules lead to
the private copies. Patching a module attribute, or a builtin, while the call runs then changes
nothing the probe looks up. (Objects themselves are not copied: classes, tensors and the student's
objects are what they are; read them through base classes, as the probes do.)
"""
from __future__ import annotations

import builtins
import functools
import sys
import types

_FunctionType, _ModuleType = types.FunctionType, types.ModuleType
_dict_items, _dict_update = dict.items, dict.update


def sealed(fn: types.FunctionType, *modules: types.ModuleType):
    """`fn`, run at each call on private copies of the globals of its module and of `modules`."""
    home = sys.modules[fn.__module__]
    group = tuple({id(m): m for m in (home, *modules)}.values())

    @functools.wraps(fn)
    def call(*args, **kwargs):
        private = _private(group)
        return _clone(fn, private[id(home.__dict__)])(*args, **kwargs)

    return call


def _private(group) -> dict[int, dict]:
    """id(a module's real globals) -> its private copy, with functions and modules of the group
    rebound to the copies."""
    own_builtins = dict(builtins.__dict__)
    proxies, copies = {}, {}
    for m in group:
        proxy = _ModuleType(m.__name__)
        _dict_update(proxy.__dict__, m.__dict__)
        proxy.__dict__["__builtins__"] = own_builtins
        proxies[id(m)] = proxy
        copies[id(m.__dict__)] = proxy.__dict__
    for g in copies.values():
        for name, value in list(_dict_items(g)):
            if type(value) is _FunctionType and id(value.__globals__) in copies:
                g[name] = _clone(value, copies[id(value.__globals__)])
            elif type(value) is _ModuleType and id(value) in proxies:
                g[name] = proxies[id(value)]
    return copies


def _clone(f: types.FunctionType, g: dict) -> types.FunctionType:
    c = _FunctionType(f.__code__, g, f.__name__, f.__defaults__, f.__closure__)
    c.__kwdefaults__ = f.__kwdefaults__
    return c
