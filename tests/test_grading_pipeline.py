"""A class graded end to end with `python -m autograder grade`: verdicts, restored test cells,
faults, parallel = sequential, resuming after a SIGKILL, regrading one student, a Dask cluster."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.grading.demo import dumps, release, submission_from, with_cells
from grading_support import by_student, copy_course, grade, grade_json, official

SEED = "4242"


def make_class(folder: Path) -> dict[str, str]:
    """student -> what their notebook is. Files are named <student>.ipynb."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = official()
    edited = release(nb)
    edited.cells = [c for c in edited.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_pm_one_targets"]
    edited = with_cells(submission_from(nb, {}), {"test_pairwise_sq_dists": "pass  # tests? what tests?"})
    edited.cells = [c for c in edited.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_pm_one_targets"]
    notebooks = {
        "alice": submission_from(nb, {}),
        "bob": release(nb),
        "carol": submission_from(nb, {"pairwise_sq_dists": "def pairwise_sq_dists(x, y):\n    return torch.cdist(x, y)"}),
        "dave": edited,
        "frank": submission_from(nb, {"pm_one_targets": "for _ in range(50):\n    print('x' * 100_000)\nwhile True:\n    pass"}),
        "grace": submission_from(nb, {"pm_one_targets": "import os\nos.kill(os.getpid(), 11)"}),
    }
    for student, notebook in notebooks.items():
        (folder / f"{student}.ipynb").write_bytes(dumps(notebook))
    (folder / "erin.ipynb").write_bytes(b'{"cells": [ this is not a notebook')
    return {s: s for s in [*notebooks, "erin"]}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("pipeline")
    course = copy_course(base / "course")
    make_class(base / "class")
    common = ["--course", str(course), "--no-gradebook", "--seed", SEED, "--timeout", "5"]
    parallel = grade_json(str(base / "class"), "--out", str(base / "out-parallel"), "--jobs", "2", *common)
    sequential = grade_json(str(base / "class"), "--out", str(base / "out-sequential"), "--jobs", "1", *common)
    return {"base": base, "course": course, "common": common, "rows": parallel, "sequential": sequential}


def test_verdicts_per_student(graded):
    rows = by_student(graded["rows"])
    status = {s: {ex: r["status"] for ex, r in exs.items()} for s, exs in rows.items()}
    assert status["alice"] == {"pm_one_targets": "passed", "pairwise_sq_dists": "passed"}
    assert status["bob"] == {"pm_one_targets": "not attempted", "pairwise_sq_dists": "not attempted"}
    assert status["carol"] == {"pm_one_targets": "passed", "pairwise_sq_dists": "failed"}
    assert "wrong values" in rows["carol"]["pairwise_sq_dists"]["message"]
    assert [r["score"] for r in rows["alice"].values()] == [1, 2]
    for r in graded["rows"]:
        assert {"notebook", "exercise", "score", "max_score", "status", "message"} <= set(r)


def test_deleted_and_edited_test_cells_are_restored_and_reported(graded):
    dave = by_student(graded["rows"])["dave"]
    assert all(r["status"] == "passed" for r in dave.values())  # graded by the official checks
    assert any("test_pm_one_targets was deleted" in n for n in dave["pm_one_targets"]["notes"])
    assert any("test_pairwise_sq_dists was edited" in n for n in dave["pairwise_sq_dists"]["notes"])


def test_faults_cost_their_exercise_only(graded):
    rows = by_student(graded["rows"])
    assert rows["frank"]["pm_one_targets"]["status"] == "timeout"
    assert rows["grace"]["pm_one_targets"]["status"] == "error"
    assert "SIGSEGV" in rows["grace"]["pm_one_targets"]["message"]
    for student in ("frank", "grace"):
        assert rows[student]["pairwise_sq_dists"]["status"] == "passed"
    erin = [r for r in graded["rows"] if r["student"] == "erin"]
    assert erin and all(r["status"] == "error" and "could not be read" in r["message"] for r in erin)


def test_oversized_output_is_truncated(graded):
    db = sqlite3.connect(graded["base"] / "out-parallel" / "results.sqlite")
    result = json.loads(db.execute("SELECT result FROM results WHERE student='frank'").fetchone()[0])
    longest = max(len(o["stdout"]) for o in result["outputs"].values())
    assert 10_000 < longest < 25_000 and any("output truncated" in o["stdout"] for o in result["outputs"].values())


def test_parallel_and_sequential_agree(graded):
    key = lambda r: (r["student"], r["exercise"] or "")
    assert sorted(graded["rows"], key=key) == sorted(graded["sequential"], key=key)


def test_reports_are_written(graded):
    out = graded["base"] / "out-parallel"
    lines = (out / "grades.csv").read_text().splitlines()
    assert lines[0] == "student,fixture_tensors,total" and "alice,3,3" in lines and "bob,0,0" in lines
    page = (out / "feedback" / "carol.html").read_text()
    assert "pairwise_sq_dists" in page and "hidden=True" not in page and "BEGIN HIDDEN" not in page
    assert sorted(p.stem for p in (out / "feedback").glob("*.html")) == \
        ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]


def test_killed_run_resumes_without_losing_or_duplicating(graded):
    base = graded["base"]
    out = base / "out-resume"
    args = [sys.executable, "-m", "autograder", "grade", str(base / "class"), "--out", str(out), "--jobs", "1",
            *graded["common"]]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    db_path = out / "results.sqlite"
    deadline = time.monotonic() + 300
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db_path.exists():
            try:
                with sqlite3.connect(db_path) as db:
                    count = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            except sqlite3.Error:
                pass
        if count >= 3:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    unseeded = [a for a in graded["common"] if a not in ("--seed", SEED)]  # the stored seed is the run's
    again = grade(str(base / "class"), "--out", str(out), "--jobs", "2", *unseeded)
    assert f"{7 - count} notebook(s) graded, {count} already graded" in again.stdout, again.stdout
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 7
        assert {r[0] for r in db.execute("SELECT DISTINCT seed FROM results")} == {int(SEED)}
    rows = grade_json(str(base / "class"), "--out", str(out), *unseeded)
    key = lambda r: (r["student"], r["exercise"] or "")
    assert sorted(rows, key=key) == sorted(graded["rows"], key=key)


def test_one_student_is_regraded_alone(graded):
    base = graded["base"]
    out = base / "out-parallel"
    proc = grade(str(base / "class" / "carol.ipynb"), "--out", str(out), "--force", *graded["common"])
    assert "1 notebook(s) graded, 0 already graded" in proc.stdout
    assert len((out / "grades.csv").read_text().splitlines()) == 8  # the class is still all there


def test_a_dask_cluster_gives_the_same_results(graded):
    distributed = pytest.importorskip("distributed")
    base = graded["base"]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None) as cluster:
        rows = grade_json(str(base / "class"), "--out", str(base / "out-dask"), "--scheduler", cluster.scheduler_address,
                          *graded["common"])
    key = lambda r: (r["student"], r["exercise"] or "")
    assert sorted(rows, key=key) == sorted(graded["rows"], key=key)
