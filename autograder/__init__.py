"""The course's Python package: the checking library (checks/), the exercises (exercises/),
data preparation, and the instructor's grading pipeline (grading/)."""
from . import compat as _compat  # first of all: triton imported after TensorFlow crashes (compat.py)
_compat.install()


def check(exercise_id, *answer, hidden=False):
    """Run the checks of the course's exercise `exercise_id` on the answer: a function, a class,
    or several parts (see autograder.checks.run.check)."""
    from . import exercises  # noqa: F401  (registers the course's exercises with the library)
    from .checks import check as _check
    _check(exercise_id, *answer, hidden=hidden)


def replay(exercise_id, case):
    """The exact inputs of a visible check, to reproduce a failure in a cell."""
    from . import exercises  # noqa: F401
    from .checks import replay as _replay
    return _replay(exercise_id, case)
