"""Reading the course's notebooks in tests: cells by grade_id, the setup namespace."""
from __future__ import annotations

import functools
from pathlib import Path

import nbformat

from autograder import release
from autograder.grading.restore import python_source  # noqa: F401  (tests import it from here)

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"


def assignments() -> list[str]:
    return release.assignments(ROOT)


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


def setup_namespace(assignment: str) -> dict:
    """A fresh namespace holding what the notebook's locked `setup` cell defines."""
    ns: dict = {"__name__": "__notebook__"}
    exec(compile(python_source(cell(read(solution_path(assignment)), "setup").source), "<setup>", "exec"), ns)
    return ns


# ---- executing notebooks (tests/test_notebooks.py, test_release.py) ---------------------------

NOTEBOOK_SEED = "20261123"  # AUTOGRADER_SEED while a notebook executes: hidden checks are repeatable


def notebook_env(**extra: str) -> dict:
    """The environment a notebook's kernel runs with: this process's, a fixed seed for the
    hidden checks, a non-interactive matplotlib backend, and `extra`."""
    import os

    return {**os.environ, "AUTOGRADER_SEED": NOTEBOOK_SEED, "MPLBACKEND": "Agg",
            "PYTHONHASHSEED": "0", **extra}


def execute(path: Path, *, allow_errors: bool = False, timeout: int = 120, kernel_name: str = "python3"):
    """Run the notebook at `path` top to bottom in a fresh kernel, with cwd = its folder.

    Returns (the executed notebook, seconds from the kernel's start to the last cell). With
    allow_errors=False the first failing cell raises nbclient's CellExecutionError. `timeout`
    bounds each cell. The kernel is `kernel_name` as jupyter_client finds it: the tests install
    a `python3` spec for the interpreter running them (the `python_kernel` fixture)."""
    import time

    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name, allow_errors=allow_errors,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    start = time.perf_counter()
    client.execute(env=notebook_env())
    return nb, time.perf_counter() - start


INTENDED_ERROR_TAG = "raises-exception"  # a demo that shows an error on purpose (nbclient's tag)


def errors(nb, *, intended: bool = False) -> list[tuple[int, str | None, dict]]:
    """(cell index, grade_id, error output) for every error output of an executed notebook,
    leaving out cells tagged `raises-exception` (errors shown on purpose) unless `intended`."""
    return [(i, grade_id(c), out) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and (intended or INTENDED_ERROR_TAG not in c.get("metadata", {}).get("tags", []))
            for out in c.get("outputs", []) if out.get("output_type") == "error"]


TIMES: dict[str, float] = {}  # notebook -> seconds, filled by test_notebooks.py, listed by conftest.py
