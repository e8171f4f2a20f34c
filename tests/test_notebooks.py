"""Every notebook runs: the solutions top to bottom without an error (in under 60 s on two CPU
cores, the curriculum's budget), and the student release with every exercise reporting
"not attempted" and nothing else failing. A demo cell may show an error on purpose when it is
tagged `raises-exception` (Jupyter's tag, honoured by nbclient); no other cell may fail.

The kernel is this interpreter (the `python_kernel` fixture), the data folder the session's
offline copy ($COURSE_DATA, see conftest.py), AUTOGRADER_SEED fixed and matplotlib headless.
The times are listed at the end of the test run."""
from __future__ import annotations

import sys
import warnings

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

import nbtools
from nbtools import assignments, errors, execute, exercise_ids, grade_id, solution_path, student_path

ASSIGNMENTS = assignments()
NO_ASSIGNMENTS = [pytest.param(None, marks=pytest.mark.skip(reason="no assignments yet"))]
BUDGET = 60  # s: the curriculum's limit for a whole notebook, solutions included
HARD_LIMIT = 120  # s: fail only beyond this (a loaded machine is slower); warn beyond BUDGET


def timed(label: str, seconds: float) -> None:
    nbtools.TIMES[label] = seconds
    print(f"{label}: {seconds:.1f} s")
    if seconds > BUDGET:
        warnings.warn(f"{label} took {seconds:.0f} s, over the curriculum's {BUDGET} s budget")


def error_text(out) -> str:
    return "\n".join([out.get("ename", ""), out.get("evalue", ""), *out.get("traceback", [])])


def test_the_kernel_is_this_interpreter_with_the_test_environment(python_kernel, course_data, tmp_path):
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [new_code_cell("import os, sys\n"
                              "print(sys.executable)\n"
                              "print(os.environ['COURSE_DATA'], os.environ['AUTOGRADER_SEED'], os.environ['MPLBACKEND'])\n"
                              "print(os.getcwd())")]
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    executed, seconds = execute(path, kernel_name=python_kernel)
    lines = executed.cells[0].outputs[0]["text"].split("\n")
    assert lines[0] == sys.executable
    assert lines[1].split() == [str(course_data), nbtools.NOTEBOOK_SEED, "Agg"]
    assert lines[2] == str(tmp_path)  # cwd = the notebook's folder, as in Jupyter


@pytest.mark.parametrize("assignment", ASSIGNMENTS or NO_ASSIGNMENTS)
def test_solution_notebook_runs_top_to_bottom(assignment, python_kernel):
    nb, seconds = execute(solution_path(assignment), timeout=HARD_LIMIT, kernel_name=python_kernel)
    timed(f"solutions/{assignment}", seconds)
    assert not errors(nb)
    ran = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count for c in ran), "a code cell did not run"
    assert seconds < HARD_LIMIT, f"{seconds:.0f} s: far over the {BUDGET} s budget"


@pytest.mark.parametrize("assignment", ASSIGNMENTS or NO_ASSIGNMENTS)
def test_student_notebook_reports_not_attempted(assignment, python_kernel):
    path = student_path(assignment)
    assert path.exists(), f"{path} is missing: run `make release`"
    nb, seconds = execute(path, allow_errors=True, timeout=HARD_LIMIT, kernel_name=python_kernel)
    timed(f"notebooks/{assignment}", seconds)
    exercises = exercise_ids(nbtools.read(solution_path(assignment)))
    assert exercises, "the notebook has no exercise"
    found = errors(nb)
    unexpected = [(i, gid, out.get("ename"), out.get("evalue", "")[:300]) for i, gid, out in found
                  if gid not in {f"test_{e}" for e in exercises}]
    assert not unexpected, f"errors outside the exercises' test cells: {unexpected}"
    by_cell = {gid: out for _, gid, out in found}
    for exercise in exercises:
        out = by_cell.get(f"test_{exercise}")
        assert out is not None, f"test_{exercise} raised nothing on the stub"
        assert out["ename"] == "NotAttempted", f"test_{exercise}: {out['ename']}: {out.get('evalue', '')[:300]}"
        assert "not attempted" in error_text(out), f"test_{exercise}: the message does not say 'not attempted'"
    assert sum(1 for c in nb.cells if grade_id(c) and grade_id(c).startswith("test_")) >= len(exercises)
