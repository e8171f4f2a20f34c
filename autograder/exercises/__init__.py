"""The course's exercises, one module per assignment, registered with the checking library by
exercise id (autograder.checks.registry). Importing this package makes them known to `check`."""
from __future__ import annotations

import importlib

from ..checks import registry
from ..checks.spec import Exercise

MODULES = {
    "01_tensors": "ex01_tensors",
    "02_autograd": "ex02_autograd",
    "06_unfold_fold": "ex06_unfold_fold",
    "07_einsum_gather_scatter": "ex07_einsum_gather_scatter",
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
