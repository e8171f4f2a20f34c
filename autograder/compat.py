"""TensorFlow and triton in one process: the import order that crashes, and the guard.

Why. TensorFlow >= 2.20 wheels load their core library with RTLD_GLOBAL (the wheel ships
tensorflow/python/pywrap_dlopen_global_flags.py; tensorflow/tensorflow#124205, fixed upstream
by #124230 for later releases). That puts the LLVM and MLIR that TensorFlow links in statically
into the process's global symbol scope. libtriton.so (triton >= 3.7) holds its own, different
LLVM and exports it; a library loaded later resolves its symbols in the global scope first,
so libtriton's static initializers run against TensorFlow's LLVM and the process dies of
SIGSEGV inside dlopen (`python -c "import tensorflow; import triton"` exits 139). The other
order is harmless: triton is loaded RTLD_LOCAL, so TensorFlow never sees its symbols.

In this course TensorFlow arrives without anyone asking for it: `torch.utils.tensorboard`
imports it (through tensorboard.compat.tf), and so do keras and tensorboard's EventAccumulator
when it reads an event file. triton arrives the same way: torch._dynamo imports it
(has_triton_package), and torch._dynamo is imported by entering any TorchDispatchMode, by the
first op on a meta tensor, by torch.compile and by `import torchvision`. So `from
torch.utils.tensorboard import SummaryWriter` followed by any of those killed the kernel.

The guard (`install`, called first thing by `import autograder`) is one finder on
sys.meta_path; it costs nothing until one of two modules is imported for the first time:
1. `tensorflow`, while triton is installed but not loaded and no LLVM is global yet: the
   finder imports triton first (about 0.1 s: the 500 MB library is mapped, not read), then
   lets TensorFlow load as usual. That is the safe order, and neither library loads any
   differently (on Colab's GPU runtime torch.compile works as it always does).
2. `triton._C.libtriton`, while an LLVM already sits in the global scope (TensorFlow, or
   anything else, came in before `import autograder`): the finder loads it with RTLD_DEEPBIND,
   so that libtriton binds its own symbols to its own LLVM, and triton works. Where
   RTLD_DEEPBIND does not exist (not glibc), or with AUTOGRADER_TRITON=block, the import fails
   instead with an ImportError that says why: torch then runs as if triton were not installed
   (dispatch modes, meta tensors and CPU torch.compile work; torch.compile on a GPU says it
   found no triton): a message, not a dead kernel.
`load_triton_first()` is case 1 on demand (the grader's fork server calls it before anything).
AUTOGRADER_TRITON=off leaves everything as it was.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys

EXTENSION = "triton._C.libtriton"
MODE_VARIABLE = "AUTOGRADER_TRITON"  # auto (default) | block | off
# Functions every LLVM exports (mangled): one of them found through the process's global handle
# means an LLVM was loaded RTLD_GLOBAL. The first two are what libtriton's initializers touch.
LLVM_SYMBOLS = ("_ZN4llvm12DebugCounter8instanceEv", "_ZN4llvm2cl6Option11addArgumentEv",
                "_ZN4llvm11raw_ostream5writeEPKcm")
REASON = ("triton cannot be loaded in this process: TensorFlow (or another library) has put its own "
          "LLVM into the process's global symbols, and libtriton's LLVM would bind to it and crash "
          "the process (SIGSEGV). torch carries on without triton. To have triton, restart the kernel "
          "and import torch.utils.tensorboard / tensorflow after `import autograder` (or `import "
          "triton`).")


def mode() -> str:
    value = os.environ.get(MODE_VARIABLE, "auto").strip().lower()
    return value if value in ("auto", "block", "off") else "auto"


def llvm_in_global_scope() -> bool:
    """True when some library has exported an LLVM into the global symbol scope (what dlsym on
    the main program's handle sees: the executable, its dependencies, RTLD_GLOBAL libraries)."""
    try:
        import ctypes

        process = ctypes.CDLL(None)
        return any(hasattr(process, name) for name in LLVM_SYMBOLS)
    except Exception:  # no ctypes, or no dlopen(NULL): judge by TensorFlow's own flag module
        return "tensorflow.python.pywrap_dlopen_global_flags" in sys.modules


def deepbind_available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "RTLD_DEEPBIND")


class _DeepBindLoader(importlib.machinery.ExtensionFileLoader):
    """libtriton loaded with RTLD_DEEPBIND: its own symbols first, the global scope after.
    (dlopen flags are process-wide: they are set only around this one dlopen, under the import
    lock of this module.)"""

    def create_module(self, spec):
        old = sys.getdlopenflags()
        sys.setdlopenflags(old | os.RTLD_DEEPBIND)
        try:
            return super().create_module(spec)
        finally:
            sys.setdlopenflags(old)


class ImportOrderGuard:
    """On sys.meta_path: steps in for the first import of `tensorflow` (triton first) and of
    `triton._C.libtriton` (RTLD_DEEPBIND or a clean ImportError when an LLVM is already global);
    every other import goes on to the next finder untouched."""

    _busy = False

    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow":
            if not ImportOrderGuard._busy:
                ImportOrderGuard._busy = True
                try:
                    load_triton_first()
                finally:
                    ImportOrderGuard._busy = False
            return None  # TensorFlow itself loads as usual
        if name != EXTENSION or mode() == "off" or not llvm_in_global_scope():
            return None
        if mode() == "block" or not deepbind_available():
            raise ImportError(REASON, name=name)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            return spec
        spec.loader = _DeepBindLoader(spec.name, spec.origin)
        return spec

    def __repr__(self) -> str:
        return f"<{__name__}.ImportOrderGuard>"


def load_triton_first() -> bool:
    """Import triton now if that is the safe order (no LLVM in the global scope yet). True when
    triton is loaded when this returns. A broken triton installation is left for torch to find."""
    if EXTENSION in sys.modules:
        return True
    if mode() == "off" or llvm_in_global_scope():
        return False
    try:
        if importlib.util.find_spec("triton") is None:
            return False
        import triton  # noqa: F401
    except Exception:
        return False
    return EXTENSION in sys.modules


def install() -> None:
    """The guard (see the module's docstring). Idempotent; imports nothing."""
    if mode() == "off" or EXTENSION in sys.modules:
        return  # triton is in: whatever comes next, the order is already the safe one
    if not any(type(f).__name__ == "ImportOrderGuard" for f in sys.meta_path):
        sys.meta_path.insert(0, ImportOrderGuard())
