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
    stage: str = ""  # where a failing check stopped ("values", "forbidden", ...; "sandbox", "static scan")
    mistake: str = ""  # the known mistake the judge recognised (Exercise.mistakes), if any
    hidden: bool = False  # the failing check was a hidden one


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
    gradebook: str = ""  # "recorded", "not recorded: why", or "" (no gradebook in this run)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.student, self.assignment, self.notebook)

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
        known = set(ExerciseResult.__dataclass_fields__)
        d["exercises"] = [ExerciseResult(**{k: v for k, v in e.items() if k in known}) for e in d.get("exercises", [])]
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})

    def rows(self) -> list[dict]:
        """The --json rows of this notebook: one per exercise (one for an ungradable notebook)."""
        common = {"student": self.student, "notebook": self.notebook, "assignment": self.assignment}
        about = {"source": self.source, "notebook_notes": self.notes}
        if self.gradebook:
            about["gradebook"] = self.gradebook
        if self.status == "error" and not self.exercises:
            return [{**common, "exercise": None, "score": 0, "max_score": 0, "status": ERROR, "message": self.error,
                     **about}]
        return [{**common, "exercise": e.exercise, "score": e.score, "max_score": e.max_score, "status": e.status,
                 "message": e.message, "checks": e.checks, "notes": e.notes, **about} for e in self.exercises]
