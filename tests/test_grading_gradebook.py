"""Inside a course folder the grader records into nbgrader's gradebook, the way nbgrader's
autograde does, so that nbgrader's own tools keep working on the results."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.grading.demo import dumps, release, submission_from
from grading_support import ASSIGNMENT, by_student, copy_course, grade_json, official


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    bindir = Path(sys.executable).parent
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          env={"PATH": f"{bindir}:/usr/bin:/bin", "HOME": str(course)}, timeout=300)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("gradebook") / "course")
    made = _nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    assert made.returncode == 0, made.stderr[-3000:]
    nb = official(course)
    class_ = {"alice": submission_from(nb, {}), "bob": release(nb),
              "carol": submission_from(nb, {"pm_one_targets": "def pm_one_targets(labels, num_classes):\n"
                                                                "    return F.one_hot(labels, num_classes).float()"})}
    for student, notebook in class_.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_bytes(dumps(notebook))
    rows = grade_json("submitted", "--jobs", "2", "--seed", "3", cwd=course)
    return course, by_student(rows)


def test_scores_are_recorded_in_the_gradebook(course):
    from nbgrader.api import Gradebook

    root, rows = course
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "fixture-course") as gb:
        for student, exercises in rows.items():
            sub = gb.find_submission(ASSIGNMENT, student)
            assert sub.score == sum(r["score"] for r in exercises.values()), student
            grades = {g.name: g.auto_score for g in sub.notebooks[0].grades}
            assert grades == {f"test_{ex}": r["score"] for ex, r in exercises.items()}


def test_autograded_notebooks_show_the_verdicts(course):
    root, _ = course
    nb = nbformat.read(root / "autograded" / "carol" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    outputs = {c.metadata.get("nbgrader", {}).get("grade_id"): c.outputs for c in nb.cells if c.cell_type == "code"}
    assert outputs["test_pm_one_targets"][0]["output_type"] == "error"
    assert outputs["test_pairwise_sq_dists"][0]["output_type"] == "stream"
    assert "hidden=True" in next(c.source for c in nb.cells
                                 if c.metadata.get("nbgrader", {}).get("grade_id") == "test_pm_one_targets")


def test_nbgrader_feedback_and_export_work_on_the_results(course):
    root, rows = course
    made = _nbgrader(root, "generate_feedback", ASSIGNMENT)
    assert made.returncode == 0, made.stderr[-3000:]
    assert (root / "feedback" / "carol" / ASSIGNMENT / f"{ASSIGNMENT}.html").exists()
    exported = _nbgrader(root, "export", "--to", str(root / "export.csv"))
    assert exported.returncode == 0, exported.stderr[-3000:]
    with open(root / "export.csv") as f:
        scores = {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}
    assert scores == {s: sum(r["score"] for r in ex.values()) for s, ex in rows.items()}


def test_our_feedback_pages_never_show_hidden_test_code(course):
    root, _ = course
    for page in (root / "grading" / "feedback").glob("*.html"):
        text = page.read_text()
        assert "hidden=True" not in text and "HIDDEN TESTS" not in text
