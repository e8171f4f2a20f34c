"""Statistical checks of answers that draw at random, decided from counts.

A sampler or a randomized algorithm is right when *how often* things happen matches the
probabilities its contract gives. The sandbox runs the answer many times with fixed seeds and
counts; the judge decides from the counts alone, with tests sized so that a right answer fails
less often than a chosen `delta` (the course uses 1e-6 per check run, split over the run's
tests), whatever the seeds: a right answer that draws its random numbers differently from the
reference is still accepted, and the verdict does not depend on the grading run's seed.

The tests:

- `binomial_interval(n, p, delta)`: a count of successes in `n` independent trials of
  probability `p` is a Binomial(n, p) variable. The interval [lo, hi] leaves out at most
  delta / 2 of its probability on each side, computed from the exact tails (sums of the
  binomial probabilities, in log space), not from a normal approximation, so it holds for small
  `n` and for `p` near 0 or 1 too. A right answer's count falls outside it with probability
  <= delta.
- Several counts at once (the classes a sampler draws, the instances a reservoir keeps): one
  interval per count with delta / k each (the union bound: the probability that any of k
  events happens is at most the sum of theirs), so the whole check still fails a right answer
  with probability <= delta, whatever the dependence between the counts.
- `hoeffding_halfwidth(n, delta, span)`: for a sum of `n` independent variables that each lie
  in an interval of length `span` but have different distributions (each trial with its own
  probability), Hoeffding's inequality bounds P(|sum - its mean| >= t) by
  2 exp(-2 t^2 / (n span^2)); t is chosen so that this is delta.

The words. The observed side writes what it counted with `measured(...)` ("class 3: 41.0 % (410
of 1000)"); the judge writes `judged(...)`: the same words when the count is within its interval,
the expectation otherwise ("class 3: 10.0 % ± 2.9 % (71 to 131 of 1000)"). Comparing the two
strings is the test, and a failure reads "expected 'class 3: 10.0 % ± 2.9 % ...', got 'class 3:
41.0 % ...'": what was measured and what was expected. The judge recomputes its words from the
counts, never from the observed side's words.
"""
from __future__ import annotations

import math
from typing import Sequence

DELTA = 1e-6  # the probability that a right answer fails one check run, all its tests together


def split(delta: float, k: int) -> float:
    """The share of `delta` each of `k` tests gets (union bound)."""
    return delta / max(int(k), 1)


def _log_pmf(n: int, k: int, p: float) -> float:
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
            + k * math.log(p) + (n - k) * math.log1p(-p))


def binomial_interval(n: int, p: float, delta: float) -> tuple[int, int]:
    """(lo, hi): the counts a Binomial(n, p) variable stays within with probability >= 1 - delta.

    P(X < lo) <= delta / 2 and P(X > hi) <= delta / 2, with lo as large and hi as small as that
    allows (exact tails)."""
    if n < 0 or not 0.0 <= p <= 1.0 or not 0.0 < delta < 1.0:
        raise ValueError(f"binomial_interval needs n >= 0, 0 <= p <= 1, 0 < delta < 1; got {n}, {p}, {delta}")
    if n == 0 or p == 0.0:
        return 0, 0
    if p == 1.0:
        return n, n
    half = delta / 2

    def tail(ks) -> int:
        """Walk from one end; return the first k at which the tail's mass would exceed `half`."""
        mass = 0.0
        for k in ks:
            mass += math.exp(_log_pmf(n, k, p))
            if mass > half:
                return k
        return k  # not reached: the whole distribution has mass 1 > half

    return tail(range(0, n + 1)), tail(range(n, -1, -1))


def hoeffding_halfwidth(n: int, delta: float, span: float = 1.0) -> float:
    """t with P(|S - E[S]| >= t) <= delta for a sum S of `n` independent variables, each within an
    interval of length `span` (Hoeffding 1963: the bound is 2 exp(-2 t^2 / (n span^2)))."""
    if n <= 0:
        return 0.0
    return span * math.sqrt(n * math.log(2.0 / delta) / 2.0)


def percent(x: float) -> str:
    return f"{100.0 * x:.1f} %"


def measured(what: str, count: int, total: int) -> str:
    """What the observed side counted, in words: "{what}: 41.0 % (410 of 1000)"."""
    if total <= 0:
        return f"{what}: never observed (0 trials)"
    return f"{what}: {percent(count / total)} ({count} of {total})"


def judged(what: str, count: int, total: int, p: float, delta: float, expectation: str = "") -> str:
    """`measured(what, count, total)` when `count` is a plausible Binomial(total, p) outcome at
    level `delta`; otherwise the expectation: "{what}: 10.0 % ± 2.9 % (71 to 131 of 1000)".
    `expectation` names the probability in the contract's words ("m_c / n_c = 2/3")."""
    if total <= 0:
        return measured(what, count, total)
    lo, hi = binomial_interval(total, p, delta)
    if lo <= count <= hi:
        return measured(what, count, total)
    spread = max(p - lo / total, hi / total - p)
    named = f"{expectation} = " if expectation else ""
    return f"{what}: {named}{percent(p)} ± {percent(spread)} ({lo} to {hi} of {total})"


def measured_counts(names: Sequence[str], counts: Sequence[int], total: int) -> list[str]:
    """`measured` for several counts of one experiment (the classes a sampler drew)."""
    return [measured(name, int(c), total) for name, c in zip(names, counts)]


def judged_counts(names: Sequence[str], counts: Sequence[int], total: int, probabilities: Sequence[float],
                  delta: float) -> list[str]:
    """`judged` for several counts, with `delta` split over them: the list differs from
    `measured_counts` with probability <= delta for a right answer."""
    share = split(delta, len(names))
    return [judged(name, int(c), total, float(p), share) for name, c, p in zip(names, counts, probabilities)]


def measured_sum(what: str, successes: int, n: int) -> str:
    """What was counted for trials of different probabilities: "{what}: 37 of 60 trials"."""
    return f"{what}: {successes} of {n} trials"


def judged_sum(what: str, successes: int, probabilities: Sequence[float], delta: float) -> str:
    """`measured_sum` when the number of successes of independent trials with these
    probabilities is within Hoeffding's bound of its mean; the expectation otherwise."""
    n = len(probabilities)
    mean = float(sum(probabilities))
    t = hoeffding_halfwidth(n, delta)
    if abs(successes - mean) < t:
        return measured_sum(what, successes, n)
    return f"{what}: {mean:.1f} ± {t:.1f} of {n} trials"
