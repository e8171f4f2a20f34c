"""The course's exercises, one module per assignment, registered with the checking library by
exercise id (autograder.checks.registry). Importing this package makes them known to `check`."""
from __future__ import annotations

import importlib

from ..checks import registry
from ..checks.spec import Exercise

MODULES = {  # an assignment whose module does not exist yet is skipped
    "01_tensors": "ex01_tensors",
    "02_autograd": "ex02_autograd",
    "03_custom_functions": "ex03_custom_functions",
    "04_module_pitfalls": "ex04_module_pitfalls",
    "05_conv_pool_shapes": "ex05_conv_pool_shapes",
    "06_unfold_fold": "ex06_unfold_fold",
    "07_einsum_gather_scatter": "ex07_einsum_gather_scatter",
    "08_hooks": "ex08_hooks",
    "09_datasets": "ex09_datasets",
    "10_batching_speedup": "ex10_batching_speedup",
    "11_pytorch_vs_tensorflow": "ex11_pytorch_vs_tensorflow",
}


def _import_modules() -> None:
    for module in MODULES.values():
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise


registry.add_loader(_import_modules)
load_all, get = registry.load_all, registry.get


def of_assignment(assignment: str) -> list[Exercise]:
    return [ex for ex in load_all().values() if ex.assignment == assignment]
