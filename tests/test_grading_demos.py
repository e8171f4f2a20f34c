"""Whatever a notebook's setup and demo cells use works in the grader's sandbox as in the notebook:
the official solutions of every assignment, graded with --all-cells (every cell runs, the MNIST
demos included: mnist(), torchvision, torch.manual_seed, matplotlib), pass every exercise and no
cell raises. The course's data folder ($COURSE_DATA) is read-only in there, and enough.
"""
from __future__ import annotations

import json
import sqlite3
import nbformat
import pytest

from autograder.grading.demo import dumps, submission_from
from autograder.grading.restore import load_official
from grading_support import ROOT, grade_json

ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if (p / f"{p.name}.ipynb").exists())
# What does not run in the sandbox yet, and why (each case is the lead's to decide; the test says
# so instead of failing, and passes again as soon as it runs).
KNOWN: dict[str, str] = {}


def _assignments():
    return [pytest.param(a, marks=pytest.mark.xfail(reason=KNOWN[a], strict=False)) if a in KNOWN else a
            for a in ASSIGNMENTS]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("demos")
    for a in ASSIGNMENTS:
        nb = nbformat.read(ROOT / "solutions" / a / f"{a}.ipynb", as_version=4)
        (base / f"demo_{a}.ipynb").write_bytes(dumps(submission_from(nb, {})))
    rows = grade_json(str(base), "--course", str(ROOT), "--no-gradebook", "--out", str(base / "out"), "--seed", "11",
                      "--all-cells", "--timeout", "120", "--jobs", "2")
    with sqlite3.connect(base / "out" / "results.sqlite") as db:
        results = {r[0]: json.loads(r[1]) for r in db.execute("SELECT assignment, result FROM results")}
    return rows, results


@pytest.mark.parametrize("assignment", _assignments())
def test_every_cell_of_the_official_notebook_runs_in_the_sandbox(graded, assignment):
    rows, results = graded
    mine = [r for r in rows if r["assignment"] == assignment]
    assert mine and all(r["status"] == "passed" for r in mine), [(r["exercise"], r["message"][:300]) for r in mine]
    result = results[assignment]
    errors = {k: o["error"] for k, o in result["outputs"].items() if o["error"]}
    assert not errors, f"{assignment}: cells raised in the sandbox: {errors}"
    assert result["notes"] == [], result["notes"]
    official = load_official(ROOT / "solutions" / assignment / f"{assignment}.ipynb")
    code = [c for c in official.cells if c.cell_type == "code" and c.role != "test"]  # test cells are observed
    assert len(result["outputs"]) == len(code), "not every code cell ran"


def test_the_mnist_demos_load_the_data_in_the_sandbox(graded):
    rows, results = graded
    if "01_tensors" not in results:
        pytest.skip("no 01_tensors")
    printed = "".join(o["stdout"] for o in results["01_tensors"]["outputs"].values())
    assert "MNIST training set:" in printed and "digits, labels torch.int64" in printed
