"""The checking library's helpers for datasets, samplers and randomized answers (probes/stats.py,
probes/observed.py, probes/data.py), on toy exercises of the tests' own: the library knows
nothing of the course."""
from __future__ import annotations

import functools
import math
import random
import subprocess
import sys
import types
from fractions import Fraction

import pytest
import torch
from torch.utils.data import Dataset, WeightedRandomSampler

from autograder.checks import Case, Exercise
from autograder.checks.encode import dumps, encode, loads
from autograder.checks.probes import data, stats
from autograder.checks.probes import observed as observed_probe
from autograder.checks.run import verdict_for


def test_the_new_probes_import_nothing_of_the_course():
    code = ("import sys, autograder.checks.probes.stats, autograder.checks.probes.observed, "
            "autograder.checks.probes.data\n"
            "print(sorted(m for m in sys.modules if m.startswith('autograder.') and not m.startswith('autograder.checks')"
            " and m != 'autograder.compat'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---- exact binomial intervals ----------------------------------------------------------------------

def _tails(n: int, p: Fraction):
    """P(X < k) and P(X > k) for every k, exactly (rational arithmetic)."""
    pmf = [math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]
    below = [sum(pmf[:k]) for k in range(n + 1)]
    above = [sum(pmf[k + 1:]) for k in range(n + 1)]
    return below, above


@pytest.mark.parametrize("n, p, delta", [(1, Fraction(1, 2), Fraction(1, 10)), (10, Fraction(1, 3), Fraction(1, 20)),
                                         (40, Fraction(1, 10), Fraction(1, 100)), (60, Fraction(9, 10), Fraction(1, 1000)),
                                         (25, Fraction(1, 2), Fraction(1, 10**6))])
def test_the_interval_is_the_tightest_with_both_tails_below_half_delta(n, p, delta):
    lo, hi = stats.binomial_interval(n, float(p), float(delta))
    below, above = _tails(n, p)
    half = delta / 2
    assert below[lo] <= half and (lo == n or below[lo + 1] > half)
    assert above[hi] <= half and (hi == 0 or above[hi - 1] > half)


def test_the_interval_agrees_with_scipy_on_large_counts():
    scipy_stats = pytest.importorskip("scipy.stats")
    for n, p, delta in [(6000, 0.25, 2.5e-7), (400, 2 / 3, 2e-8), (264, 0.5, 2e-8), (10_000, 0.01, 1e-6)]:
        lo, hi = stats.binomial_interval(n, p, delta)
        assert scipy_stats.binom.cdf(lo - 1, n, p) <= delta / 2 < scipy_stats.binom.cdf(lo, n, p) * (1 + 1e-9)
        assert scipy_stats.binom.sf(hi, n, p) <= delta / 2 < scipy_stats.binom.sf(hi - 1, n, p) * (1 + 1e-9)


def test_degenerate_and_bad_arguments():
    assert stats.binomial_interval(0, 0.3, 1e-6) == (0, 0)
    assert stats.binomial_interval(50, 0.0, 1e-6) == (0, 0)
    assert stats.binomial_interval(50, 1.0, 1e-6) == (50, 50)
    for bad in [(-1, 0.5, 0.1), (10, 1.5, 0.1), (10, 0.5, 0.0), (10, 0.5, 1.0)]:
        with pytest.raises(ValueError):
            stats.binomial_interval(*bad)


def test_a_right_answer_fails_about_as_often_as_delta_says():
    """Binomial counts drawn at random: at delta = 0.1 the interval rejects at most ~10 %."""
    g = torch.Generator().manual_seed(0)
    n, p, delta, trials = 200, 0.3, 0.1, 4000
    lo, hi = stats.binomial_interval(n, p, delta)
    counts = torch.binomial(torch.full((trials,), float(n)), torch.full((trials,), p), generator=g)
    rejected = float(((counts < lo) | (counts > hi)).double().mean())
    assert rejected <= delta + 3 * math.sqrt(delta * (1 - delta) / trials)  # within 3 sigma of at most delta


def test_hoeffding_bound_covers_sums_of_unequal_coins():
    g = torch.Generator().manual_seed(1)
    ps = torch.rand(300, generator=g, dtype=torch.float64)
    delta, trials = 0.05, 2000
    t = stats.hoeffding_halfwidth(len(ps), delta)
    assert math.isclose(t, math.sqrt(300 * math.log(2 / delta) / 2))
    sums = torch.bernoulli(ps.expand(trials, -1), generator=g).sum(1)
    assert float(((sums - ps.sum()).abs() >= t).double().mean()) <= delta
    assert stats.hoeffding_halfwidth(0, delta) == 0.0


# ---- the words ------------------------------------------------------------------------------------

def test_within_the_interval_the_judge_writes_what_was_measured():
    assert stats.measured("class 3", 410, 1000) == "class 3: 41.0 % (410 of 1000)"
    assert stats.judged("class 3", 102, 1000, 0.1, 1e-6) == stats.measured("class 3", 102, 1000)
    far = stats.judged("class 3", 410, 1000, 0.1, 1e-6)
    lo, hi = stats.binomial_interval(1000, 0.1, 1e-6)
    assert far.startswith("class 3: 10.0 % ± ") and f"({lo} to {hi} of 1000)" in far
    assert stats.judged("add 5", 400, 400, 2 / 3, 1e-6, "m_c / n_c").startswith("add 5: m_c / n_c = 66.7 % ± ")
    assert stats.measured("x", 0, 0) == stats.judged("x", 0, 0, 0.5, 1e-6) == "x: never observed (0 trials)"


def test_several_counts_share_delta():
    """Four counts judged at delta share it: each interval is the one of delta / 4, wider than
    delta's own. A count between the two lower ends is accepted in the group, rejected alone."""
    names, total = ["class 0", "class 1", "class 2", "class 3"], 4000
    alone_lo, _ = stats.binomial_interval(total, 0.25, 1e-3)
    shared_lo, _ = stats.binomial_interval(total, 0.25, 1e-3 / 4)
    assert shared_lo < alone_lo
    count = shared_lo
    counts = [count, 1000, 1000, total - count - 2000]
    assert stats.judged("class 0", count, total, 0.25, 1e-3) != stats.measured("class 0", count, total)
    assert stats.judged_counts(names, counts, total, [0.25] * 4, 1e-3) == stats.measured_counts(names, counts, total)
    assert stats.split(1e-6, 4) == 2.5e-7 and stats.split(1e-6, 0) == 1e-6


def test_sums_of_trials_with_different_probabilities():
    ps = [0.5, 0.25, 1.0, 0.1] * 25
    mean = sum(ps)
    assert stats.judged_sum("stored", round(mean), ps, 1e-6) == stats.measured_sum("stored", round(mean), 100)
    assert stats.judged_sum("stored", 100, ps, 1e-6).startswith(f"stored: {mean:.1f} ± ")


# ---- an observation decoded on the judge's side ------------------------------------------------------

def test_decode_reverses_encode_for_plain_data():
    value = {"counts": torch.tensor([3, 4]), "lines": ["a", "b"], "pair": (1, 2.5), "flag": True, "none": None}
    back = observed_probe.decode(loads(dumps(encode(value))))
    assert back["lines"] == ["a", "b"] and back["pair"] == (1, 2.5) and back["flag"] is True and back["none"] is None
    assert torch.equal(back["counts"], torch.tensor([3, 4]))
    assert observed_probe.entry(encode(value), "lines") == ["a", "b"]
    assert observed_probe.entry(encode(value), "missing", "default") == "default"
    assert observed_probe.entry(None, "lines") is None


def test_objects_decode_to_nothing():
    class Student:
        pass

    assert observed_probe.decode(encode(Student())) is None
    assert observed_probe.decode({"kind": "tensor", "data": "not a tensor"}) is None
    assert observed_probe.int_tensor(torch.zeros(2, 3, dtype=torch.int64), 2) is not None
    assert observed_probe.int_tensor(torch.zeros(2, 3), 2) is None
    assert observed_probe.int_tensor(torch.zeros(2, dtype=torch.int64), 2) is None
    assert observed_probe.int_tensor([1, 2], 1) is None


# ---- datasets, samplers, tripwires --------------------------------------------------------------

class Letters(Dataset):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i == 2:
            raise KeyError("no letter here")
        return {"x": torch.tensor([float(i)]), "y": i}


def test_items_and_batches_record_what_raised():
    ds = Letters()
    assert data.is_dataset_class(Letters) and not data.is_dataset_class(list) and not data.is_dataset_class(ds)
    assert data.length(ds) == 3
    assert data.item(ds, 0)["y"] == 0
    assert data.item(ds, 2) == {"kind": "raised", "type": "KeyError", "message": "'no letter here'"}
    assert data.first_batch(ds, 2)["x"].shape == (2, 1)
    assert data.first_batch(ds, 3)["kind"] == "raised"

    class NoLength(Dataset):
        def __getitem__(self, i):
            return i
    assert data.length(NoLength())["type"] == "TypeError"


def test_weighted_sampler_facts_are_read_from_the_object_itself():
    sampler = WeightedRandomSampler([1.0, 3.0], num_samples=5, replacement=False)
    facts = data.weighted_sampler_facts(sampler)
    assert facts["weights"].dtype == torch.float64 and facts["weights"].tolist() == [1.0, 3.0]
    assert facts["num_samples"] == 5 and facts["replacement"] is False

    class Lying(WeightedRandomSampler):
        @property
        def num_samples_claimed(self):
            return 1000

        def __getattribute__(self, name):  # whatever a subclass answers, __dict__ is read directly
            return 1000 if name == "num_samples" else super().__getattribute__(name)
    assert data.weighted_sampler_facts(Lying([1.0], num_samples=2))["num_samples"] == 2
    assert data.weighted_sampler_facts(torch.utils.data.RandomSampler(range(3))) == \
        {"weights": None, "num_samples": None, "replacement": None}


def test_draws_are_seeded_counted_and_leave_the_global_generator_alone():
    sampler = WeightedRandomSampler([1.0, 1.0, 2.0], num_samples=4)
    state = torch.random.get_rng_state()
    a, b = data.draw(sampler, 10, seed=5), data.draw(sampler, 10, seed=5)
    assert torch.equal(torch.random.get_rng_state(), state)
    assert torch.equal(a["indices"], b["indices"]) and a["indices"].numel() == 10 and a["passes"] == 3
    assert not torch.equal(a["indices"], data.draw(sampler, 10, seed=6)["indices"])

    class Odd:
        def __iter__(self):
            return iter([0, "one", torch.tensor(2), 3.5])
    odd = data.draw(Odd(), 8, seed=0)
    assert odd["indices"].tolist() == [0, 2, 0, 2] and odd["not an index"] == 4
    empty = data.draw([], 5, seed=0)
    assert empty["stopped"] and empty["indices"].numel() == 0


def test_tripwires_see_calls_by_module_attribute_and_one_level_down():
    mod = types.ModuleType("toy_readers")
    exec("def low(x):\n    return x + 1\n\ndef high(x):\n    return low(x) * 2\n", mod.__dict__)
    sys.modules["toy_readers"] = mod
    try:
        high = mod.high  # a reference taken before the block, as `from toy_readers import high`
        with data.Tripwires({"toy_readers": ("low",), "no_such_module_here": ("x",)}) as wires:
            assert high(1) == 4
        assert wires.called == ["toy_readers.low"]
        assert mod.low.__name__ == "low" and "wire" not in repr(mod.low)  # the original is back
        with data.Tripwires({"toy_readers": ("high", "low", "missing")}) as wires:
            mod.high(0)
        assert wires.called == ["toy_readers.high", "toy_readers.low"]
        with data.Tripwires({"toy_readers": ("low",)}) as wires:
            pass
        assert wires.called == []
    finally:
        del sys.modules["toy_readers"]


# ---- a statistical toy exercise, end to end ----------------------------------------------------------

COIN_DRAWS = 3000


def _flip_counts(coin, draws, seed):
    random.seed(seed)
    heads = sum(1 for _ in range(draws) if coin() == "heads")
    return heads


def _observe_coin(coin, draws, seed):
    heads = _flip_counts(coin, draws, seed)
    return {"how often heads came up": stats.measured("heads", heads, draws), "heads (raw)": heads}


def _judge_coin(draws, seed, observed=None):
    value = observed_probe.entry(observed, "heads (raw)")
    if isinstance(value, int) and not isinstance(value, bool):
        line = stats.judged("heads", value, draws, 0.5, stats.DELTA)
    else:
        line = "heads: half of the flips"
    return {"how often heads came up": line}


COIN = Exercise(id="coin", assignment="tests", signature="coin()", reference=_judge_coin,
                cases=lambda g, hidden: [Case((COIN_DRAWS, int(torch.randint(2**30, (), generator=g))),
                                              label="3000 flips")],
                adapter=lambda answer: functools.partial(_observe_coin, answer), reference_sees_output=True,
                named_outputs=True, pasteable=False, devices=("cpu",))


def fair():
    return "heads" if random.random() < 0.5 else "tails"


def fair_other_way():
    return random.choice(["tails", "heads"])


def biased():
    return "heads" if random.random() < 0.65 else "tails"  # 11 sigma outside the bounds


@pytest.mark.parametrize("answer, passes", [(fair, True), (fair_other_way, True), (biased, False)])
def test_a_statistical_check_gives_one_verdict_on_twenty_seeds(answer, passes):
    verdicts = {verdict_for(COIN, answer, seed=seed, hidden=True).passed for seed in range(20)}
    assert verdicts == {passes}


def test_a_statistical_failure_says_what_was_measured_and_expected():
    v = verdict_for(COIN, biased, seed=0, hidden=False)
    assert v.stage == "values" and "how often heads came up: wrong value" in v.headline
    assert "expected 'heads: 50.0 % ± " in v.message and "got 'heads: 6" in v.message


def test_forged_words_do_not_pass():
    """The judge recomputes its words from the raw count: the observed side's words decide nothing."""
    forged = Exercise(**{**COIN.__dict__, "adapter": lambda answer: lambda draws, seed: {
        "how often heads came up": stats.measured("heads", draws // 2, draws), "heads (raw)": draws}})
    assert not verdict_for(forged, fair, seed=0, hidden=False).passed
