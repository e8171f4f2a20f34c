"""The course's exercises, one module per assignment, registered by exercise id."""
from __future__ import annotations

import importlib

from ..checks.spec import REGISTRY, Exercise

MODULES = {
    "01_tensors": "ex01_tensors",
    "02_autograd": "ex02_autograd",
    "06_unfold_fold": "ex06_unfold_fold",
    "07_einsum_gather_scatter": "ex07_einsum_gather_scatter",
}


def load_all() -> dict[str, Exercise]:
    for module in MODULES.values():
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise
    return REGISTRY


def get(exercise_id: str) -> Exercise:
    if exercise_id not in REGISTRY:
        load_all()
    if exercise_id not in REGISTRY:
        raise KeyError(f"no exercise called {exercise_id!r}; known: {', '.join(sorted(REGISTRY))}")
    return REGISTRY[exercise_id]


def of_assignment(assignment: str) -> list[Exercise]:
    return [ex for ex in load_all().values() if ex.assignment == assignment]
