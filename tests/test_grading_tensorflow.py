"""TensorFlow in the grader (11_pytorch_vs_tensorflow): graded by fork servers that preload it
(the other assignments' servers never load it), right answers within the memory limit, a memory
bomb still killed, and TensorFlow no way around the sandbox (frames through tf_inspect)."""
from __future__ import annotations

import nbformat
import pytest

from autograder.grading.demo import dumps, submission_from
from grading_support import ROOT, by_student, grade_json

A = "11_pytorch_vs_tensorflow"
SOLUTION = ROOT / "solutions" / A / f"{A}.ipynb"
pytestmark = pytest.mark.skipif(not SOLUTION.exists(), reason="no 11_pytorch_vs_tensorflow")


def _solution_of(nb, gid: str) -> str:
    return next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid)


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    base = tmp_path_factory.mktemp("tf-class")
    nb = nbformat.read(SOLUTION, as_version=4)
    bomb = "hoard = []\nwhile True:\n    hoard.append(bytearray(256 << 20))\n\n" + _solution_of(nb, "numpy_grads")
    frames = _solution_of(nb, "tf_two_layer_grads") + (  # getattr: past the static scan, to the runtime's
        "\n\nfrom tensorflow.python.util import tf_inspect\n"
        "frame = tf_inspect.currentframe()\n"
        "while frame is not None:\n"
        "    frame = getattr(frame, 'f_' + 'back')\n")
    # TensorFlow's error handler walks the traceback (to drop its own frames): a TF error in a
    # cell is the student's error, not a refusal. Reading the traceback's frame itself is refused.
    mismatch = "tf_two_layer_grads(np.ones((3, 5)), np.ones((4, 2)), np.ones((5, 6)), np.ones((6, 2)))"
    snoop = _solution_of(nb, "tf_two_layer_grads") + (
        f"\n\ntry:\n    {mismatch}\nexcept Exception as error:\n"
        "    frame = getattr(error.__traceback__, 'tb_' + 'frame')\n")
    classes = {"honest": {}, "bomber": {"numpy_grads": bomb}, "climber": {"tf_two_layer_grads": frames},
               "tryer": {}, "snooper": {"tf_two_layer_grads": snoop}}
    for student, cells in classes.items():
        submission = submission_from(nb, cells)
        if student == "tryer":
            at = next(i for i, c in enumerate(submission.cells)
                      if c.metadata.get("nbgrader", {}).get("grade_id") == "tf_two_layer_grads")
            submission.cells.insert(at + 1, nbformat.v4.new_code_cell("import numpy as np\n" + mismatch))
        (base / f"{student}_{A}.ipynb").write_bytes(dumps(submission))
    return by_student(grade_json(str(base), "--course", str(ROOT), "--no-gradebook", "--out", str(base / "out"),
                                 "--seed", "3", "--jobs", "2", "--memory", "2"))


def test_right_answers_pass_within_the_memory_limit(rows):
    assert all(r["status"] == "passed" for r in rows["honest"].values()), rows["honest"]


def test_a_memory_bomb_costs_its_exercise_only(rows):
    hit = rows["bomber"]["numpy_grads"]
    assert hit["score"] == 0 and hit["status"] in ("error", "failed"), hit
    assert all(r["status"] == "passed" for e, r in rows["bomber"].items() if e != "numpy_grads")


def test_tensorflow_hands_no_frame_to_student_code(rows):
    hit = rows["climber"]["tf_two_layer_grads"]
    assert hit["score"] == 0 and "frames" in hit["message"], hit
    assert all(r["status"] == "passed" for e, r in rows["climber"].items() if e != "tf_two_layer_grads")


def test_a_tensorflow_error_in_a_scratch_cell_is_no_refusal(rows):
    assert all(r["status"] == "passed" for r in rows["tryer"].values()), rows["tryer"]
    notes = " | ".join(n for r in rows["tryer"].values() for n in r["notes"] + r["notebook_notes"])
    assert "refused" not in notes, notes


def test_the_traceback_of_a_tensorflow_error_hands_no_frame_to_student_code(rows):
    hit = rows["snooper"]["tf_two_layer_grads"]
    assert hit["score"] == 0 and "frames" in hit["message"], hit
