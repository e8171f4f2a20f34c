"""Reading the course's notebooks in tests: cells by grade_id, the setup namespace."""
from __future__ import annotations

import functools
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"


def assignments() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if (p / f"{p.name}.ipynb").exists())


def solution_path(assignment: str) -> Path:
    return SOLUTIONS / assignment / f"{assignment}.ipynb"


def student_path(assignment: str) -> Path:
    return NOTEBOOKS / assignment / f"{assignment}.ipynb"


@functools.lru_cache(maxsize=None)
def read(path: Path):
    return nbformat.read(path, as_version=4)


def grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def cell(nb, gid: str):
    for c in nb.cells:
        if grade_id(c) == gid:
            return c
    raise KeyError(f"no cell with grade_id {gid!r}")


def exercise_ids(nb) -> list[str]:
    """Ids of the exercises: the solution cells that have a test cell test_<id>."""
    ids = [grade_id(c) for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")]
    tests = {grade_id(c) for c in nb.cells}
    return [i for i in ids if f"test_{i}" in tests]


def python_source(source: str) -> str:
    """Cell source with IPython syntax (%pip, !cmd) turned into plain Python."""
    return TransformerManager().transform_cell(source)


def setup_namespace(assignment: str) -> dict:
    """A fresh namespace holding what the notebook's locked `setup` cell defines."""
    ns: dict = {"__name__": "__notebook__"}
    exec(compile(python_source(cell(read(solution_path(assignment)), "setup").source), "<setup>", "exec"), ns)
    return ns
