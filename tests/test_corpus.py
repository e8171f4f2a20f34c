"""Wrong answers are rejected with the right words, different right answers are accepted.

Each file under tests/corpus/<assignment>/<exercise>/ defines the exercise's function (and any
helper it needs) on top of the notebook's setup cell, and says what its check must report:

    # expect: pass                       a right answer: visible and hidden checks pass
    # expect: <stage>                    a wrong answer: the stage where the check stops
    # message: <words>                   ...and words the student must read in the message

The answer is run through the notebook's own test cell (visible and hidden parts), read from
solutions/<assignment>/<assignment>.ipynb.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.checks import CheckFailed

from nbtools import cell, python_source, read, setup_namespace, solution_path

CORPUS = Path(__file__).parent / "corpus"
ANSWERS = sorted(CORPUS.glob("*/*/*.py"))


def expectation(path: Path) -> tuple[str, list[str]]:
    text = path.read_text()
    stage = re.search(r"^# expect: *(.+)$", text, re.M)
    assert stage, f"{path} says nothing about what its check must report (# expect: ...)"
    return stage.group(1).strip(), [m.strip() for m in re.findall(r"^# message: *(.+)$", text, re.M)]


def run_answer(path: Path, monkeypatch, seed: int = 20261123):
    assignment, exercise = path.parent.parent.name, path.parent.name
    monkeypatch.setenv("AUTOGRADER_SEED", str(seed))
    ns = setup_namespace(assignment)
    exec(compile(path.read_text(), str(path), "exec"), ns)
    test = cell(read(solution_path(assignment)), f"test_{exercise}").source
    exec(compile(python_source(test), f"<test_{exercise}>", "exec"), ns)


def _id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", [p for p in ANSWERS if expectation(p)[0] != "pass"], ids=_id)
def test_wrong_answer_is_rejected(path, monkeypatch, capsys):
    stage, words = expectation(path)
    with pytest.raises(CheckFailed) as failure:
        run_answer(path, monkeypatch)
    verdict = failure.value.verdict
    assert verdict.stage == stage, f"stopped at {verdict.stage!r}, expected {stage!r}:\n{verdict.message}"
    for w in words:
        assert w in verdict.message, f"{w!r} missing from the message:\n{verdict.message}"
    assert "\n" in verdict.message and len(verdict.headline) < 200  # a headline, then detail


@pytest.mark.parametrize("path", [p for p in ANSWERS if expectation(p)[0] == "pass"], ids=_id)
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**31 - 1))
def test_right_answer_is_accepted(path, seed, monkeypatch):
    run_answer(path, monkeypatch, seed)


def test_every_exercise_has_a_corpus():
    from nbtools import assignments, exercise_ids
    for assignment in assignments():
        for exercise in exercise_ids(read(solution_path(assignment))):
            files = [expectation(p)[0] for p in (CORPUS / assignment / exercise).glob("*.py")]
            assert files.count("pass") >= 1, f"{assignment}/{exercise}: no right answer in the corpus"
            assert len(files) - files.count("pass") >= 2, f"{assignment}/{exercise}: fewer than 2 wrong answers"
