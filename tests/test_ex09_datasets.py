"""09_datasets beyond the corpus: the statistical checks give one verdict whatever the grading seed,
the checks are bounded in time, and the cases hand the answer what the contract names.

tests/test_corpus.py runs every corpus answer once (wrong ones) or on four seeds (right ones);
here the answers of the two exercises decided by statistics (balanced_sampler and
ClassBalancedReservoir) are judged on 20 grading seeds each, and must get their expected verdict
on every one."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import torch

import autograder.exercises  # noqa: F401  (registers the course's exercises)
from autograder.checks import registry
from autograder.checks.run import verdict_for
from nbtools import cell, python_source, read, setup_namespace, solution_path

A = "09_datasets"
CORPUS = Path(__file__).parent / "corpus" / A
SEEDS = range(101, 121)  # 20 grading seeds
STATISTICAL = ("balanced_sampler", "ClassBalancedReservoir")


def _namespace():
    return setup_namespace(A)


def _answer(exercise: str, path: Path | None):
    """The answer defined by a corpus file (None: the notebook's own solution), as check() gets it."""
    ns = _namespace()
    if path is None:
        source = python_source(cell(read(solution_path(A)), exercise).source)
    else:
        source = path.read_text()
    exec(compile(source, str(path or exercise), "exec"), ns)
    return (ns["train_epoch"], ns["evaluate"]) if exercise == "train_epoch" else ns[exercise]


def _expects_pass(path: Path) -> bool:
    return re.search(r"^# expect: *(.+)$", path.read_text(), re.M).group(1).strip() == "pass"


ANSWERS = [(ex, None) for ex in STATISTICAL] + [(ex, p) for ex in STATISTICAL for p in sorted((CORPUS / ex).glob("*.py"))]


@pytest.mark.parametrize("exercise, path", ANSWERS, ids=lambda v: v.stem if isinstance(v, Path) else str(v))
def test_the_same_verdict_on_twenty_grading_seeds(exercise, path):
    ex = registry.get(exercise)
    answer = _answer(exercise, path)
    passes = True if path is None else _expects_pass(path)
    verdicts = {}
    for seed in SEEDS:
        v = verdict_for(ex, answer, seed=seed, hidden=True)
        verdicts[seed] = (v.passed, v.headline)
    wrong = {s: h for s, (ok, h) in verdicts.items() if ok != passes}
    assert not wrong, f"expected {'pass' if passes else 'a failure'} on every seed; seeds {sorted(wrong)}: " \
                      f"{next(iter(wrong.values()))}"


@pytest.mark.parametrize("exercise, budget", [("MNISTDigits", 10), ("pad_collate", 3), ("balanced_sampler", 5),
                                              ("ClassBalancedReservoir", 15), ("train_epoch", 5)])
def test_a_check_run_is_bounded_in_time(exercise, budget):
    """A visible plus a hidden check of the notebook's solution, well within a test cell's budget
    (the grader allows 60 s per cell) even on a busy machine."""
    ex = registry.get(exercise)
    answer = _answer(exercise, None)
    start = time.perf_counter()
    for hidden in (False, True):
        assert verdict_for(ex, answer, seed=7, hidden=hidden).passed
    assert time.perf_counter() - start < budget


def _dims(exercise: str, case) -> dict:
    """The kinds of input a case hands the answer, one value per dimension of the contract."""
    a = case.args
    if exercise == "MNISTDigits":
        return {"source": "course" if isinstance(a[0], (str, Path)) else "files", "call": a[1],
                "train": a[2], "transform": type(a[3]).__name__,
                "root": type(a[0]).__name__ if isinstance(a[0], (str, Path)) else ("Path" if a[1] == "keywords" else "str")}
    if exercise == "pad_collate":
        batch = a[0]
        return {"container": type(batch).__name__, "dtype": str(batch[0][0].dtype),
                "labels": type(batch[0][1]).__name__,
                "layout": "transposed" if any(s.dim() == 2 and s.shape[0] > 1 and s.shape[1] > 1 and
                                              not s.is_contiguous() for s, _ in batch) else "contiguous",
                "length 0": any(s.shape[0] == 0 for s, _ in batch),
                "an all-zero last row": any(s.shape[0] and not s[-1].any() for s, _ in batch),
                "an all-zero row inside": any(not s[r].any() for s, _ in batch for r in range(1, s.shape[0] - 1))}
    if exercise == "train_epoch":
        return {"batches": a[0], "sampler": bool(a[6]), "criterion": a[7], "device": type(a[8]).__name__,
                "model on": torch.device(a[8]).type, "batches and model on": (torch.device(a[8]).type, a[0])}
    if exercise == "ClassBalancedReservoir":
        return {"stream": a[0]}
    labels = a[0]
    ids, counts = torch.unique(labels, return_counts=True)
    return {"classes": "one" if len(ids) == 1 else "several", "ids with gaps": int(ids.max()) + 1 > len(ids),
            "a class of one sample": bool((counts == 1).any())}


@pytest.mark.parametrize("exercise", ["MNISTDigits", "pad_collate", "balanced_sampler", "ClassBalancedReservoir",
                                      "train_epoch"])
def test_the_visible_cases_cover_every_kind_the_hidden_ones_do(exercise):
    """Hidden cases draw sizes and values; every kind of input they hand the answer (data source,
    call style, label kind, layout, loader kind, ...) is also among the visible cases, so that a
    visible pass says something about every kind."""
    ex = registry.get(exercise)
    visible: dict[str, set] = {}
    for case in ex.make_cases(0, False):
        for k, v in _dims(exercise, case).items():
            visible.setdefault(k, set()).add(v)
    for seed in (1, 2, 3, 4):
        for case in ex.make_cases(seed, True):
            for k, v in _dims(exercise, case).items():
                assert v in visible[k], f"{exercise}: hidden case {case.label!r} has {k} = {v!r}, " \
                                        f"which no visible case has ({sorted(map(str, visible[k]))})"


def _reference_outputs(ex, cases):
    from autograder.checks.encode import encode
    from autograder.checks.spec import clone

    return [encode(ex.reference(*clone(c.args), **clone(c.kwargs))) for c in cases]


@pytest.mark.parametrize("exercise", ["MNISTDigits", "pad_collate", "balanced_sampler", "ClassBalancedReservoir",
                                      "train_epoch"])
def test_the_references_give_the_same_results_when_judged_in_threads(exercise):
    """The grader judges several notebooks at once, in threads of one process: a reference that
    seeded or read torch's global generator would see another thread's state (train_epoch's did:
    now and then a right answer's parameters differed from a reference built on the other
    thread's seed)."""
    import threading

    from autograder.checks.judge import compare

    ex = registry.get(exercise)
    cases = [c for seed in (5, 6) for c in ex.make_cases(seed, True)[:3]]
    expected = _reference_outputs(ex, cases)
    mismatches = []

    def work(k):
        for _ in range(6):
            torch.manual_seed(k)  # another notebook's seeding, in between
            for c, want in zip(cases, expected):
                got = _reference_outputs(ex, [c])[0]
                if compare(want, got, "the reference", {}, True, ex, exact=True):
                    mismatches.append(c.label)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not mismatches, sorted(set(mismatches))
