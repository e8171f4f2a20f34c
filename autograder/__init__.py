"""The course's Python package: the checking library (checks/), the exercises (exercises/),
data preparation, and the instructor's grading pipeline (grading/)."""
from . import compat as _compat  # first of all: triton imported after TensorFlow crashes (compat.py)
_compat.install()


def _check_answer(exercise_id, *answer, hidden=False):
    """Run the checks of the course's exercise `exercise_id` on the answer: a function, a class,
    or several parts (see autograder.checks.run.check). Reached only through __getattr__ below,
    which has registered the course's exercises."""
    from .checks import check as _check
    _refuse_what_grading_refuses(exercise_id, answer)
    _check(exercise_id, *answer, hidden=hidden)


def _refuse_what_grading_refuses(exercise_id, answer) -> None:
    """The grader's static scan (grading/scan.py) on the cells that define the answer: what grading
    would refuse fails the visible check too, so that a ✓ here never turns into a 0 there."""
    import linecache

    from .checks.observe import _own_code
    from .checks.report import FAILED, CheckFailed, Verdict
    from .grading.scan import scan

    import sys

    modules = {getattr(m, "__file__", None) for m in list(sys.modules.values())}
    hits = []
    for filename in sorted({f for f, _ in _own_code(answer[0] if len(answer) == 1 else tuple(answer))}):
        source = "".join(linecache.getlines(filename))
        if not source.strip() or filename in modules:  # a module's code (a library, a test), not a cell
            continue
        try:
            found = scan(source)
        except SyntaxError:  # IPython syntax (%magic) in the cell: read it as the Python it runs as
            from .grading.restore import python_source
            try:
                found = scan(python_source(source))
            except SyntaxError:
                continue
        hits += [h.describe() for h in found]
    if hits:
        raise CheckFailed(Verdict(exercise_id, FAILED,
                                  f"{exercise_id}: the grader will not run this: it uses what graded code may not use",
                                  [*hits[:5], "At grading time such a cell is not run, and the exercise scores 0. "
                                   "Remove it from the cell (the checks need none of it)."], stage="scan"))


def _replay_case(exercise_id, case):
    """The exact inputs of a visible check, to reproduce a failure in a cell."""
    from .checks import replay as _replay
    return _replay(exercise_id, case)


_check_answer.__name__ = _check_answer.__qualname__ = "check"
_replay_case.__name__ = _replay_case.__qualname__ = "replay"


def __getattr__(name):
    """`from autograder import check` (the notebooks' setup cell) loads the course's exercises and
    the checking library, with its warm-up, here: the setup cell pays those 3 s once, not the first
    check cell. `import autograder.checks` alone still loads nothing of the course."""
    if name in ("check", "replay"):
        from . import checks, exercises  # noqa: F401
        return _check_answer if name == "check" else _replay_case
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
