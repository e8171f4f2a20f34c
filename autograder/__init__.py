"""The course's Python package: the checking library (checks/), the exercises (exercises/),
data preparation, and the instructor's grading pipeline (grading/)."""


def check(exercise_id, fn, *, hidden=False):
    """Run the checks of `exercise_id` on `fn` (see autograder.checks.run.check)."""
    from .checks import check as _check
    _check(exercise_id, fn, hidden=hidden)


def replay(exercise_id, case):
    """The exact inputs of a visible check, to reproduce a failure in a cell."""
    from .checks import replay as _replay
    return _replay(exercise_id, case)
