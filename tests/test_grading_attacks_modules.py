"""The attacks on class exercises (tests/attacks_modules/): each scores 0 on the 04_module_pitfalls
exercise it attacks, the five other exercises keep their points, every run finishes and the
course's files are untouched.

The notebooks are graded twice, as in tests/test_grading_attacks.py: with every layer on, and with
the static scan and the OS namespaces off, so that the runtime layers and the checks themselves
(the probes read modules through their base classes and run sealed; the judge reads a checkpoint's
bytes again) are shown to stop each attack on their own.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.grading.demo import dumps, submission_from
from grading_support import PACKAGE, by_student, course_with, grade_json, header, official, tree_digest

ASSIGNMENT = "04_module_pitfalls"
EXERCISES = {"Net", "count_parameters", "MultiHeadClassifier", "ParallelBlock", "RunningMean", "save_checkpoint"}
ATTACKS = sorted((Path(__file__).parent / "attacks_modules").glob("*.py"))
MODES = ("all layers", "without the static scan and the OS isolation")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("attacks_modules")
    course = course_with(base / "course", ASSIGNMENT)
    nbs = base / "class"
    nbs.mkdir()
    solution = official(course, ASSIGNMENT)
    (nbs / "honest.ipynb").write_bytes(dumps(submission_from(solution, {})))
    for attack in ATTACKS:
        text = attack.read_text().replace("{COURSE}", str(course)).replace("{PACKAGE}", str(PACKAGE))
        nb = submission_from(solution, {header(text, "attacks"): text})
        (nbs / f"{attack.stem}.ipynb").write_bytes(dumps(nb))
    watched = (course / "solutions", course / "nbgrader_config.py", PACKAGE)  # the tripwire's view
    before = tree_digest(*watched)
    out = {}
    for mode, extra in zip(MODES, ([], ["--no-static-scan", "--no-isolation"])):
        out[mode] = by_student(grade_json(
            str(nbs), "--course", str(course), "--no-gradebook", "--out", str(base / f"out-{len(out)}"),
            "--timeout", "60", "--memory", "1", "--jobs", "2", "--seed", "7", *extra))
    out["digests"] = (before, tree_digest(*watched))
    out["strays"] = sorted(str(p) for p in course.rglob("*.pt")) + sorted(str(p) for p in PACKAGE.rglob("*.pt"))
    return out


@pytest.mark.parametrize("mode", MODES)
def test_the_official_solutions_keep_full_marks(runs, mode):
    rows = runs[mode]["honest"]
    assert set(rows) == EXERCISES
    for exercise, row in rows.items():
        assert row["status"] == "passed" and row["score"] == row["max_score"], f"{exercise}: {row['message']}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
def test_attack_scores_zero_and_spares_the_other_exercises(runs, attack, mode):
    text = attack.read_text()
    target, expect = header(text, "attacks"), header(text, "expect")
    rows = runs[mode].get(attack.stem)
    assert rows is not None, f"{attack.stem} was not graded ({mode}); graded: {sorted(runs[mode])}"
    assert set(rows) == EXERCISES
    hit = rows[target]
    assert hit["score"] == 0, f"{attack.stem} earned points ({mode}): {hit['message']}"
    if expect and mode != MODES[0]:  # with the scan on, a flagged cell is an error before anything runs
        assert hit["status"] in expect.split("|"), f"{attack.stem}: {hit['status']}: {hit['message']}"
    for exercise, row in rows.items():
        if exercise != target:
            assert row["score"] == row["max_score"] and row["status"] == "passed", \
                f"{attack.stem} cost {exercise} its points ({mode}): {row['message']}"


def test_course_files_are_untouched(runs):
    before, after = runs["digests"]
    assert before == after
    assert runs["strays"] == [], "checkpoints were written outside the scratch folder"


def test_the_corpus_covers_the_class_exercises():
    assert len(ATTACKS) >= 10
    targets = set()
    for attack in ATTACKS:
        text = attack.read_text()
        assert header(text, "attacks") in EXERCISES, attack
        assert header(text, "why"), attack
        targets.add(header(text, "attacks"))
    assert targets == EXERCISES
