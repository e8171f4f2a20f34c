"""What a hidden check covers must not surprise a student, nor depend on the grading seed.

A kind of input that only a hidden check exercises lets a student see ✓ on every visible check and
score 0 at grading; a kind the hidden checks draw at random makes the grade depend on the seed (an
answer that calls .view on a channels_last input passed under some seeds and not others). So, for
every exercise of every assignment:

- the kinds of input of its hidden cases are the same under every seed (the seed draws sizes and
  values only);
- each of those kinds appears in its visible cases;
- a case whose label names a layout (channels_last, transposed, non-contiguous, strided) has it.

A kind is a property of an argument that an answer can trip over: its type (a namedtuple, a dict
with int keys, a tuple where an int is allowed, None), a tensor's dtype, memory layout
(contiguous, channels_last, otherwise non-contiguous), requires_grad, 0-d or empty, which
keywords are passed and how many arguments go by position. Sizes and values are not kinds.
"""
from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from autograder import exercises

SEEDS = range(10)


def layout(t: torch.Tensor) -> str:
    if t.dim() == 4 and not t.is_contiguous() and t.is_contiguous(memory_format=torch.channels_last):
        return "channels_last"
    return "contiguous" if t.is_contiguous() else "non-contiguous"


def kinds_of(x, path: str, out: set) -> None:
    if isinstance(x, torch.Tensor):
        out |= {(path, "tensor"), (path, str(x.dtype)), (path, layout(x))}
        out |= {(path, k) for k, on in (("requires_grad", x.requires_grad), ("0-d", x.dim() == 0),
                                         ("empty", x.numel() == 0)) if on}
        return
    if isinstance(x, np.ndarray):
        out |= {(path, "ndarray"), (path, str(x.dtype)),
                (path, "contiguous" if x.flags.c_contiguous else "non-contiguous")}
        out |= {(path, k) for k, on in (("0-d", x.ndim == 0), ("empty", x.size == 0)) if on}
        return
    inner = path if path.endswith("/...") else path + "/..."  # nested: at any depth
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        out.add((path, "namedtuple"))
        for v in x:
            kinds_of(v, inner, out)
    elif isinstance(x, dict):
        out.add((path, "dict" if type(x) is dict else type(x).__name__))
        if not x:
            out.add((path, "empty dict"))
        for k, v in x.items():
            out.add((path, f"key {type(k).__name__}"))
            kinds_of(v, inner, out)
    elif isinstance(x, (list, tuple)):
        out.add((path, type(x).__name__))
        if not x:
            out.add((path, f"empty {type(x).__name__}"))
        for v in x:
            kinds_of(v, inner, out)
    elif isinstance(x, torch.nn.Module):
        out.add((path, "nn.Module"))
    else:
        out.add((path, type(x).__name__))


def case_kinds(case) -> set:
    out = {("call", f"{len(case.args)} positional")} | {("call", f"keyword {k}") for k in case.kwargs}
    for i, a in enumerate(case.args):
        kinds_of(a, f"argument {i}", out)
    for k, v in case.kwargs.items():
        kinds_of(v, k, out)
    return out


def kinds(ex, seed: int, hidden: bool) -> set:
    out = set()
    for case in ex.make_cases(seed, hidden):
        if case.device == "cpu" and case.batch is None:  # the vectorization probes are no kind of input
            out |= case_kinds(case)
    return out


EXERCISES = sorted(exercises.load_all().values(), key=lambda e: (e.assignment, e.id))


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: f"{e.assignment}/{e.id}")
def test_hidden_kinds_do_not_depend_on_the_seed_and_are_all_visible(ex):
    visible = kinds(ex, 0, False)
    hidden = [kinds(ex, seed, True) for seed in SEEDS]
    varying = set().union(*hidden) - set.intersection(*hidden)
    assert not varying, f"{ex.id}: the seed decides whether the hidden checks cover {sorted(varying)}"
    unseen = hidden[0] - visible
    assert not unseen, f"{ex.id}: only hidden checks cover {sorted(unseen)}: a student sees ✓ and scores 0"


LAYOUT_WORDS = {"channels_last": "channels_last", "channels-last": "channels_last", "transposed": "non-contiguous",
                "non-contiguous": "non-contiguous", "strided": "non-contiguous"}
NOT_A_LAYOUT = re.compile(r"\b(a|not) transposed\b")  # "a transposed A shows here": a mistake named, not a layout


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: f"{e.assignment}/{e.id}")
def test_a_case_named_after_a_layout_has_it(ex):
    for hidden, seeds in ((False, [0]), (True, SEEDS)):
        for seed in seeds:
            for case in ex.make_cases(seed, hidden):
                label = NOT_A_LAYOUT.sub("", case.label)
                named = {want for word, want in LAYOUT_WORDS.items() if re.search(rf"\b{word}\b", label)}
                found = set()
                kinds_of((case.args, case.kwargs), "x", found)
                layouts = {k for _, k in found if k in ("channels_last", "non-contiguous")}
                for want in named:
                    ok = want in layouts or (want == "non-contiguous" and "channels_last" in layouts)
                    assert ok, f"{ex.id}: the case {case.label!r} (seed {seed}) has no {want} tensor"
