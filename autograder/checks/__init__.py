"""The checking library: exercises compared with reference PyTorch ops, with readable verdicts.

- spec.py: what an exercise is (reference, cases, rules)
- observe.py: runs the student's function and records what happened (beside student code)
- encode.py: the plain data that crosses from the observed process to the judge
- trace.py: which tensor ops ran (forbidden ops, vectorization, autograd)
- judge.py: the verdict, from the observations and the reference
- report.py: verdicts and messages
- run.py: `check()`, what a notebook's test cell calls
- registry.py: exercises by id, registered by the course that defines them
- probes/: observing answers that are classes (autograd Functions, nn.Modules, ...)
"""
import torch

from .report import CheckFailed, NotAttempted, Verdict
from .run import check, replay
from .spec import AnswerKindError, Case, Exercise, Forbid, Mistake, Require

__all__ = ["check", "replay", "CheckFailed", "NotAttempted", "Verdict", "Case", "Exercise", "Forbid", "Mistake", "Require",
           "AnswerKindError"]


def _warm_up() -> None:
    """The first op on a meta tensor imports torch._dynamo (about 1.5 s): pay it at import time,
    in the notebook's setup cell, rather than in the first check a student runs."""
    x = torch.empty(2, device="meta")
    x - x


_warm_up()
