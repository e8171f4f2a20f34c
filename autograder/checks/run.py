"""The check a notebook's test cell calls: observe, then judge, in the notebook's own process.

    check("pairwise_sq_dists", pairwise_sq_dists)               # visible: fixed seed
    check("pairwise_sq_dists", pairwise_sq_dists, hidden=True)  # hidden: the grading run's seed
    check("save_checkpoint", save_checkpoint, load_checkpoint)  # an answer of several parts

The observations go through the same bytes the grader reads (encode.dumps/loads), so a visible
check and the grader reach the same verdict on the same inputs.
"""
from __future__ import annotations

import os
import secrets
import sys
import warnings

from . import registry
from .encode import dumps, loads
from .judge import judge
from .observe import observe
from .report import Verdict, raise_for
from .spec import Exercise, clone

VISIBLE_SEED = 0
SEED_VARIABLE = "AUTOGRADER_SEED"  # set by a grading run; hidden checks draw their inputs from it


def hidden_seed() -> int:
    value = os.environ.get(SEED_VARIABLE)
    return int(value) if value else secrets.randbelow(2**31)


def verdict_for(ex: Exercise, answer, *, seed: int, hidden: bool) -> Verdict:
    """Observe `answer` on the exercise's cases and judge it, all in this process."""
    cases = ex.make_cases(seed, hidden)
    pristine = clone(cases)
    records = loads(dumps(observe(answer, cases, adapter=ex.adapter, extras=ex.extras)))
    return judge(ex, pristine, records, hidden=hidden)


def check(exercise_id: str, *answer, hidden: bool = False) -> None:
    """Check the answer (a function, a class, or several parts) against exercise `exercise_id`;
    print the verdict, raise if it is not a pass. Returns nothing, so that a passing check cell
    shows only its message."""
    if not answer:
        raise TypeError("check(exercise_id, answer, ...) needs the answer to check")
    ex = registry.get(exercise_id)
    answer = answer[0] if len(answer) == 1 else tuple(answer)
    # Warnings raised while the answer runs are shown on stdout, not stderr: nbgrader scores a
    # test cell with anything on stderr 0, so a warning (torch's "Converting a tensor with
    # requires_grad=True to a scalar") would turn a ✓ into a 0 under `nbgrader autograde`.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        verdict = verdict_for(ex, answer, seed=hidden_seed() if hidden else VISIBLE_SEED, hidden=hidden)
    if verdict.passed:
        print("✓ " + verdict.message)
    print(*_warning_lines(caught), sep="\n", end="\n" if caught else "")
    raise_for(verdict)


def _warning_lines(caught: list, most: int = 3) -> list[str]:
    """The distinct warnings raised while checking, a line each (they count for nothing)."""
    seen = list(dict.fromkeys(f"{w.category.__name__}: {str(w.message).splitlines()[0][:200]}" for w in caught))
    if not seen:
        return []
    more = f" (and {len(seen) - most} more)" if len(seen) > most else ""
    return ["  Warnings while checking (they do not count)" + more + ":", *("    " + w for w in seen[:most])]


def replay(exercise_id: str, case: int):
    """(args, kwargs) of visible check number `case` (1-based), exactly as the check built them."""
    cases = registry.get(exercise_id).make_cases(VISIBLE_SEED, hidden=False)
    if not 1 <= case <= len(cases):
        raise ValueError(f"{exercise_id} has visible checks 1 to {len(cases)}, not {case}")
    c = cases[case - 1]
    return list(c.args), dict(c.kwargs)


def _show_in_ipython() -> None:
    """In Jupyter, a failed check shows its verdict, not the checking library's traceback.
    The cell still ends in an error (ename CheckFailed / NotAttempted), so nbgrader scores it 0."""
    if "IPython" not in sys.modules:
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return
    from .report import CheckFailed

    def show(shell, etype, value, tb, tb_offset=None):
        v = value.verdict
        stb = [f"\x1b[1;31m✗ {v.headline}\x1b[0m", *("  " + line for line in v.detail if line)]
        shell._showtraceback(etype, value, stb)  # the error output nbgrader and nbclient look for
        return stb

    shell.set_custom_exc((CheckFailed,), show)


_show_in_ipython()
