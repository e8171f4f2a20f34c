"""The grader reaches the notebooks' own verdicts: answers from tests/corpus, put into the
solution cells of a student notebook and graded with `python -m autograder grade --json`, pass
exactly when their `# expect:` says they pass (tests/test_corpus.py checks that expectation
against the notebook's own test cells).

Exercises are independent (one wrong answer costs one exercise), so each graded notebook holds
one corpus answer per exercise: round 0 the first right answer of every exercise, round 1 the
first wrong one, round 2 the second wrong one. Every exercise of every notebook is covered.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.grading.demo import dumps, submission_from
from grading_support import ROOT, by_student, grade_json, header, official

CORPUS = ROOT / "tests" / "corpus"
SEED = "20261123"  # the seed test_corpus.py runs wrong answers with
ROUNDS = 3


def assignments() -> list[str]:
    return sorted(p.name for p in (ROOT / "solutions").iterdir()
                  if (p / f"{p.name}.ipynb").exists() and (CORPUS / p.name).is_dir())


def sample(assignment: str) -> dict[int, dict[str, Path]]:
    """round -> exercise -> corpus answer."""
    rounds: dict[int, dict[str, Path]] = {r: {} for r in range(ROUNDS)}
    for folder in sorted((CORPUS / assignment).iterdir()):
        answers = sorted(folder.glob("*.py"))
        right = [p for p in answers if header(p.read_text(), "expect") == "pass"]
        wrong = [p for p in answers if header(p.read_text(), "expect") not in (None, "pass")]
        for r, p in enumerate(right[:1] + wrong[:ROUNDS - 1]):
            rounds[r][folder.name] = p
    return rounds


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    expected: dict[tuple[str, str], tuple[Path, bool]] = {}
    for assignment in assignments():
        nb = official(ROOT, assignment)
        for r, answers in sample(assignment).items():
            if not answers:
                continue
            sources = {ex: p.read_text() for ex, p in answers.items()}
            student = f"round{r}"  # the grader reads it from the file name, around the assignment id
            (base / f"{student}_{assignment}.ipynb").write_bytes(dumps(submission_from(nb, sources)))
            for ex, p in answers.items():
                expected[(student, ex)] = (p, header(p.read_text(), "expect") == "pass")
    rows = by_student(grade_json(str(base), "--course", str(ROOT), "--no-gradebook", "--out", str(base / "out"),
                                 "--seed", SEED, "--timeout", "120", "--jobs", "2"))
    return rows, expected


def test_every_exercise_is_covered(graded):
    rows, expected = graded
    covered = {ex for _, ex in expected}
    for assignment in assignments():
        for exercise in (p.name for p in (CORPUS / assignment).iterdir() if p.is_dir()):
            assert exercise in covered, f"{assignment}/{exercise} has no sampled answer"


def test_grader_agrees_with_the_notebooks_checks(graded):
    rows, expected = graded
    disagreements = []
    for (student, exercise), (path, passes) in sorted(expected.items()):
        row = rows.get(student, {}).get(exercise)
        if row is None:
            disagreements.append(f"{path.relative_to(CORPUS)}: not graded")
        elif (row["status"] == "passed") != passes:
            disagreements.append(f"{path.relative_to(CORPUS)}: expected {'pass' if passes else 'a failure'}, "
                                 f"the grader says {row['status']}: {row['message'].splitlines()[0]}")
    assert not disagreements, "\n".join(disagreements)
