"""The grader's parts that need no sandboxed child: the static scan, signatures, restoring the
official cells, collecting submissions, the store, the reports."""
from __future__ import annotations

import json
import zipfile

import pytest

from autograder.grading import collect, feedback, restore, scan, signing, store
from autograder.grading.course import Course
from autograder.grading.demo import dumps, release, submission_from, with_cells
from autograder.grading.results import ExerciseResult, NotebookResult
from grading_support import ASSIGNMENT, FIXTURE, ROOT, official


# ---- static scan ---------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    "import gc", "from ctypes import CDLL", "import inspect as i", "import threading",
    "from torch._C import DisableTorchFunction", "import torch.overrides", "from autograder.checks import judge",
    "exec('1')", "eval('1')", "compile('1', 'x', 'exec')", "__import__('os')", "f.__code__",
    "f.__globals__['x']", "sys.modules['torch']", "torch.equal = lambda *a: True", "F.relu = None",
    "setattr(torch, 'equal', None)", "del torch.cdist", "x = torch.from_file('f')", "torch.Tensor.foo = 1",
])
def test_scan_flags(code):
    hits = scan.scan(code)
    assert hits and hits[0].line == 1 and code.split("(")[0][:10] in hits[0].code


@pytest.mark.parametrize("code", [
    "def f(x, y):\n    return ((x[:, None] - y[None]) ** 2).sum(-1)",
    "import math\nimport numpy as np\nx = torch.zeros(3)\nx[0] = 1\nprint(x.shape)",
    "@torch.no_grad()\ndef step(params, lr):\n    for p in params:\n        p -= lr * p.grad",
    "def f(:\n  broken syntax",  # a syntax error is the cell's own failure, reported when it runs
    "t = torch.full((3, 2), -1.0)\nt[torch.arange(3), labels] = 1.0\nt[F.one_hot(labels).bool()] += 1",
    "a, (b, c) = torch.zeros(2), (1, 2)",
])
def test_scan_leaves_ordinary_code_alone(code):
    assert scan.scan(code) == []


# ---- signatures ----------------------------------------------------------------------------------

def test_a_signed_observation_round_trips_and_nothing_else_passes():
    key, nonce = b"k" * 32, b"n" * 16
    blob = signing.seal(key, nonce, 3, b"payload")
    assert signing.unseal(key, nonce, 3, blob) == b"payload"
    for bad in (signing.seal(b"x" * 32, nonce, 3, b"payload"),  # another key
                signing.seal(key, b"m" * 16, 3, b"payload"),  # another child's nonce
                signing.seal(key, nonce, 2, b"payload"),  # replayed under another sequence number
                blob[:-1] + b"!", b"garbage"):
        with pytest.raises(signing.BadSignature):
            signing.unseal(key, nonce, 3, bad)


def test_progress_lines_are_signed_and_cannot_pass_for_observations():
    key, nonce = b"k" * 32, b"n" * 16
    raw = signing.line(key, nonce, 5, {"t": "done"})
    assert signing.read_line(key, nonce, raw) == (5, {"t": "done"})
    assert signing.read_line(b"x" * 32, nonce, raw) is None
    assert signing.read_line(key, nonce, raw.replace(b"done", b"none")) is None
    assert signing.read_line(key, nonce, b'\n' + b"0" * 64 + b' 7 {"t":"done"}\n') is None


# ---- restoring the official cells ----------------------------------------------------------------

def test_official_test_cells_are_read_as_check_calls():
    off = restore.load_official(FIXTURE / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    assert off.exercises == ["pm_one_targets", "pairwise_sq_dists"]
    assert off.max_score("pairwise_sq_dists") == 2
    calls = off.by_grade_id["test_pairwise_sq_dists"].checks
    assert [(c.exercise, c.answer, c.hidden, c.in_hidden_region) for c in calls] == [
        ("pairwise_sq_dists", ("pairwise_sq_dists",), False, False),
        ("pairwise_sq_dists", ("pairwise_sq_dists",), True, True)]


def test_a_check_call_may_name_an_answer_of_several_parts():
    calls = restore.parse_checks('check("save_checkpoint", save_checkpoint, load_checkpoint)\n'
                                 '### BEGIN HIDDEN TESTS\ncheck("save_checkpoint", save_checkpoint, io.load, hidden=True)\n'
                                 '### END HIDDEN TESTS', "here")
    assert [c.answer for c in calls] == [("save_checkpoint", "load_checkpoint"), ("save_checkpoint", "io.load")]
    with pytest.raises(restore.CourseError, match="given by name"):
        restore.parse_checks('check("x", lambda v: v)', "here")


def test_deleted_edited_and_retyped_cells_come_back_and_are_reported():
    off_nb = official()
    off = restore.load_official(FIXTURE / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    nb = release(off_nb)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_pm_one_targets"]
    nb = with_cells(nb, {"test_pairwise_sq_dists": "pass  # no tests here", "setup": "import torch"})
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == "pm_one_targets":
            c.cell_type = "markdown"
    plan = restore.restore(nb, off)
    ids = [c.grade_id for c in plan.cells if c.grade_id]
    assert ids == ["setup", "pm_one_targets", "test_pm_one_targets", "pairwise_sq_dists", "test_pairwise_sq_dists"]
    test_cell = next(c for c in plan.cells if c.grade_id == "test_pairwise_sq_dists")
    assert "hidden=True" in test_cell.source and test_cell.kind == "test"
    notes = " ".join([n for ns in plan.notes.values() for n in ns] + plan.general)
    assert "test cell test_pm_one_targets was deleted" in notes
    assert "test cell test_pairwise_sq_dists was edited" in notes
    assert "setup cell was edited" in notes
    assert "turned into markdown" in notes


def test_unchanged_demo_cells_run_only_when_student_code_needs_them():
    off = restore.load_official(FIXTURE / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    plain = restore.restore(submission_from(official(), {}), off)
    assert restore.needed_demos(plain.cells) == set()
    uses = restore.restore(submission_from(official(), {
        "pairwise_sq_dists": "def pairwise_sq_dists(x, y):\n    return demo_x.sum() * 0 + ((x[:, None] - y[None]) ** 2).sum(-1)"}), off)
    demo = next(c for c in uses.cells if c.kind == "demo")
    assert restore.needed_demos(uses.cells) == {demo.index}


# ---- collecting submissions ----------------------------------------------------------------------

def test_submissions_from_a_submitted_tree_a_zip_and_loose_notebooks(tmp_path):
    course = Course.at(FIXTURE)
    data = dumps(release(official()))
    tree = tmp_path / "submitted" / "alice" / ASSIGNMENT
    tree.mkdir(parents=True)
    (tree / f"{ASSIGNMENT}.ipynb").write_bytes(data)
    archive = tmp_path / "lms.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"smithjohn_late_1234_5678_{ASSIGNMENT}-1.ipynb", data)  # Canvas
        z.writestr(f"x_bitdiddle_attempt_2016-01-30-15-00-00_{ASSIGNMENT}.ipynb", data)  # nbgrader's example
        z.writestr("Jane Roe_4321_assignsubmission_file_/homework.ipynb", data)  # Moodle
        z.writestr("__MACOSX/._junk.ipynb", b"junk")
    loose = tmp_path / f"carol_{ASSIGNMENT}.ipynb"
    loose.write_bytes(data)
    broken = tmp_path / "dave.ipynb"
    broken.write_bytes(b"{ not json")
    subs, problems = collect.collect([str(tmp_path / "submitted"), str(archive), str(loose), str(broken)], course)
    got = sorted((s.student, s.assignment, s.notebook) for s in subs)
    assert got == sorted([
        ("alice", ASSIGNMENT, ASSIGNMENT), ("smithjohn", ASSIGNMENT, ASSIGNMENT), ("bitdiddle", ASSIGNMENT, ASSIGNMENT),
        ("Jane Roe", ASSIGNMENT, ASSIGNMENT), ("carol", ASSIGNMENT, ASSIGNMENT), ("dave", ASSIGNMENT, ASSIGNMENT)])
    assert problems == []


def test_canvas_ids_do_not_eat_an_assignment_that_starts_with_digits(tmp_path):
    from grading_support import ROOT

    course = Course.at(ROOT)
    if not course.assignments:
        pytest.skip("no official notebooks yet")
    assignment = course.assignments[0]  # e.g. 01_tensors
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"ben_1002_2002_{assignment}.ipynb", dumps(release(official(ROOT, assignment))))
    subs, problems = collect.collect([str(archive)], course)
    assert [(s.student, s.assignment, s.notebook) for s in subs] == [("ben", assignment, assignment)], problems


def test_the_assignment_is_found_from_grade_ids_whatever_the_name(tmp_path):
    course = Course.at(FIXTURE)
    path = tmp_path / "homework-final.ipynb"
    path.write_bytes(dumps(release(official())))
    subs, _ = collect.collect([str(path)], course)
    assert [(s.student, s.assignment) for s in subs] == [("homework-final", ASSIGNMENT)]


# ---- the store and the reports -------------------------------------------------------------------

def _result(student, score=1.0, status="passed", feedback="pm_one_targets: all passed"):
    r = NotebookResult(student, ASSIGNMENT, ASSIGNMENT, "x.ipynb", "d" * 64, 7)
    r.exercises = [ExerciseResult("pm_one_targets", score, 1.0, status, "full message", feedback,
                                  {"visible": [3, 3], "hidden": [2, 5]})]
    return r


def test_the_store_keeps_one_result_per_submission_and_the_seed(tmp_path):
    s = store.Store(tmp_path / "r.sqlite")
    assert s.seed(None) == s.seed(None)
    assert s.seed(11) == 11 and s.seed(None) == 11
    s.put(_result("a"), "fp")
    s.put(_result("a", 0.0, "failed"), "fp")
    assert s.count() == 1
    assert s.get(("a", ASSIGNMENT, ASSIGNMENT), "d" * 64, "fp", 7).exercises[0].status == "failed"
    assert s.get(("a", ASSIGNMENT, ASSIGNMENT), "d" * 64, "other", 7) is None
    assert s.get(("a", ASSIGNMENT, ASSIGNMENT), "d" * 64, "fp", 8) is None


def test_csv_has_a_row_per_student_a_column_per_assignment_and_a_total(tmp_path):
    other = _result("b")
    other.assignment = "other"
    path = feedback.write_csv(tmp_path / "grades.csv", [_result("a"), _result("b", 0.0, "failed"), other])
    assert path.read_text().splitlines() == ["student,fixture_tensors,other,total", "a,1,0,1", "b,0,1,1"]


def test_feedback_pages_escape_student_text_and_show_hidden_counts(tmp_path):
    r = _result("<script>", 0.0, "failed", "pm_one_targets: <b>wrong</b>\n  2 of 5 hidden checks passed before this one.")
    files = feedback.write(tmp_path, [r], {"<script>"})
    page = next(files["feedback"].glob("*.html")).read_text()
    assert "<script>" not in page and "&lt;b&gt;wrong" in page and "2/5 hidden" in page


def test_rows_have_the_documented_fields():
    row = _result("a").rows()[0]
    assert {"notebook", "exercise", "score", "max_score", "status", "message"} <= set(row)
    assert json.dumps(row)


def test_the_tripwire_reports_a_course_file_changed_during_grading(tmp_path, monkeypatch):
    from autograder.grading import pipeline
    from grading_support import copy_course

    course = copy_course(tmp_path / "course")
    notebook = course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    submission = tmp_path / f"alice_{ASSIGNMENT}.ipynb"
    submission.write_bytes(dumps(release(official())))

    def tamper(self, sub):  # stands in for a grading run that something got past
        notebook.write_text(notebook.read_text() + " ")
        return _result(sub.student)

    monkeypatch.setattr(pipeline.LocalGrader, "__call__", tamper)
    report = pipeline.grade(pipeline.Settings(paths=[str(submission)], course=str(course), gradebook=False,
                                              out=str(tmp_path / "out"), progress=False, reports=False))
    assert report.tripwire == [f"changed: {notebook}"]


def test_names_from_archives_cannot_leave_their_folder(tmp_path):
    course = Course.at(FIXTURE)
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"../../etc/x_{ASSIGNMENT}.ipynb", dumps(release(official())))
    subs, _ = collect.collect([str(archive)], course)
    assert len(subs) == 1 and "/" not in subs[0].student and subs[0].student not in ("..", ".")
    assert collect.safe_id("../../etc") == "_.._etc" and collect.safe_id("Jane Roe") == "Jane Roe"


# ---- fork servers apart for heavy modules -------------------------------------------------------

def test_heavy_modules_get_fork_servers_of_their_own():
    from autograder.grading import forkserver

    assert forkserver.preload_for(["import torch\nfrom autograder import check", "x = 1"]) == ()
    assert forkserver.preload_for(["%pip install x\nimport tensorflow as tf\nfrom keras import layers",
                                   "from torch.utils.tensorboard import SummaryWriter", "def broken(:"]) == \
        ("keras", "tensorflow", "torch.utils.tensorboard")
    apart = {}
    for path in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        off = restore.load_official(path)
        found = forkserver.preload_for(c.source for c in off.cells if c.cell_type == "code")
        if found:
            apart[path.stem] = found
    assert set(apart.get("11_pytorch_vs_tensorflow", ())) >= {"tensorflow"}
    assert all(a in ("08_hooks", "09_datasets", "11_pytorch_vs_tensorflow") for a in apart), apart

    servers = forkserver.Servers()  # nothing starts before a job is run
    plain, tf = servers.get(()), servers.get(("tensorflow",))
    assert plain is servers.get(()) and tf is not plain and tf.preload == ("tensorflow",)
    servers.close()
