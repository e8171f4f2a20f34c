"""The attack corpus (tests/attacks/): each attack scores 0 on the exercise it attacks, the other
exercise keeps its points, every run finishes and the course's files are untouched.

The class is graded twice: as the command line grades (every layer on), and with the static
scan and the OS namespaces off (what holds where the OS offers no namespaces), so that each attack
is stopped by the Python-level runtime layers too.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from autograder.grading.demo import dumps, submission_from
from grading_support import (PACKAGE, by_student, copy_course, grade_json, header, official,
                             tree_digest)

ATTACKS = sorted((Path(__file__).parent / "attacks").glob("*.py"))
MODES = ("all layers", "without the static scan and the OS isolation")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("attacks")
    course = copy_course(base / "course")
    with sqlite3.connect(course / "gradebook.db") as db:  # a gradebook to overwrite, if one could
        db.execute("CREATE TABLE grades (student TEXT, score REAL)")
        db.execute("INSERT INTO grades VALUES ('honest', 3.0)")
    nbs = base / "class"
    nbs.mkdir()
    solution = official(course)
    for attack in ATTACKS:
        text = attack.read_text().replace("{COURSE}", str(course)).replace("{PACKAGE}", str(PACKAGE))
        nb = submission_from(solution, {header(text, "attacks"): text})
        (nbs / f"{attack.stem}.ipynb").write_bytes(dumps(nb))
    watched = (course / "solutions", course / "gradebook.db", course / "nbgrader_config.py", PACKAGE)
    before = tree_digest(*watched)
    out = {}
    for mode, extra in zip(MODES, ([], ["--no-static-scan", "--no-isolation"])):
        out[mode] = by_student(grade_json(
            str(nbs), "--course", str(course), "--no-gradebook", "--out", str(base / f"out-{len(out)}"),
            "--timeout", "8", "--memory", "0.75", "--jobs", "2", "--seed", "7", *extra))
    out["digests"] = (before, tree_digest(*watched))
    return out


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
def test_attack_scores_zero_and_spares_the_other_exercise(runs, attack, mode):
    text = attack.read_text()
    target, expect = header(text, "attacks"), header(text, "expect")
    rows = runs[mode].get(attack.stem)
    assert rows is not None, f"{attack.stem} was not graded ({mode})"
    assert set(rows) == {"pm_one_targets", "pairwise_sq_dists"}
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


def test_the_corpus_is_big_enough():
    assert len(ATTACKS) >= 12
    for attack in ATTACKS:
        assert header(attack.read_text(), "attacks") in ("pm_one_targets", "pairwise_sq_dists"), attack
        assert header(attack.read_text(), "why"), attack
