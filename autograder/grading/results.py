"""What a grading run produces: per notebook, per exercise. Plain data, stored as JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

PASSED, FAILED, NOT_ATTEMPTED, ERROR, TIMEOUT = "passed", "failed", "not attempted", "error", "timeout"
STATUSES = (PASSED, FAILED, NOT_ATTEMPTED, ERROR, TIMEOUT)


@dataclass
class ExerciseResult:
    exercise: str
    score: float
    max_score: float
    status: str  # one of STATUSES
    message: str  # for the instructor: the verdict in full
    feedback: str  # for the student: hidden checks' inputs left out
    checks: dict = field(default_factory=dict)  # "visible"/"hidden" -> [passed, total]
    notes: list[str] = field(default_factory=list)  # restored cells, refusals, ...
    cells: dict = field(default_factory=dict)  # test cell grade_id -> {"passed": bool, "points": float}


@dataclass
class NotebookResult:
    student: str
    assignment: str
    notebook: str  # the notebook's name, without .ipynb
    source: str  # where the submission was read from
    digest: str  # of the submitted bytes
    seed: int
    status: str = "graded"  # or "error": the notebook could not be graded at all
    error: str = ""
    exercises: list[ExerciseResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    isolation: list[str] = field(default_factory=list)
    outputs: dict = field(default_factory=dict)  # cell index (str) -> {"stdout", "error"}, as shown
    seconds: float = 0.0
    attempts: int = 0

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "NotebookResult":
        d = dict(d)
        d["exercises"] = [ExerciseResult(**e) for e in d.get("exercises", [])]
        return cls(**d)

    def rows(self) -> list[dict]:
        """The --json rows of this notebook: one per exercise (one for an ungradable notebook)."""
        if self.status == "error" and not self.exercises:
            return [{"student": self.student, "notebook": self.notebook, "assignment": self.assignment,
                     "exercise": None, "score": 0, "max_score": 0, "status": ERROR, "message": self.error}]
        return [{"student": self.student, "notebook": self.notebook, "assignment": self.assignment,
                 "exercise": e.exercise, "score": e.score, "max_score": e.max_score, "status": e.status,
                 "message": e.message, "checks": e.checks, "notes": e.notes} for e in self.exercises]
