"""Recording a grading run in nbgrader's gradebook, with nbgrader's own machinery.

`VerdictAutograde` is nbgrader's Autograde converter with one preprocessor swapped: where
nbgrader would execute the notebook (`Execute`), `ApplyVerdicts` gives every cell the outputs of
our sandboxed run, and each test cell an output that says our verdict (an error output when it
failed, which is what nbgrader scores 0). Everything else is nbgrader's: sanitizing, restoring
locked and deleted cells from the gradebook, creating students and submissions, late
penalties, `SaveAutoGrades`, and the autograded/<student>/<assignment>/<nb>.ipynb it writes.
So formgrader, manual grading, `nbgrader generate_feedback` and `nbgrader export` work as usual.
"""
from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, LimitOutput, NbGraderPreprocessor,
                                    SaveAutoGrades)
from nbgrader.utils import is_grade
from nbformat.v4 import new_output
from traitlets import List
from traitlets.config import Config

from .course import Course
from .restore import source_key
from .results import PASSED, NotebookResult

# (student, assignment, notebook) -> NotebookResult, for ApplyVerdicts during one `record` call
_RESULTS: dict[tuple[str, str, str], NotebookResult] = {}
_ENAMES = {"failed": "CheckFailed", "not attempted": "NotAttempted", "error": "GradingError", "timeout": "Timeout"}


class ApplyVerdicts(NbGraderPreprocessor):
    """In place of nbgrader's Execute: the outputs of the grader's sandboxed run."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        result = _RESULTS[(info["student"], info["assignment"], info["notebook"])]
        by_cell = {}
        for ex in result.exercises:
            for gid, cell in ex.cells.items():
                by_cell[gid] = (ex, cell)
        outputs_by_source: dict[str, list[dict]] = {}
        for index in sorted(result.outputs, key=int):
            out = result.outputs[index]
            outputs_by_source.setdefault(out.get("sha", ""), []).append(out)
        count = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            count += 1
            cell.execution_count = count
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if is_grade(cell) and gid in by_cell:
                ex, verdict = by_cell[gid]
                cell.outputs = _verdict_outputs(ex, verdict)
                continue
            queue = outputs_by_source.get(source_key(cell.source))
            out = queue.pop(0) if queue else None
            cell.outputs = _cell_outputs(out) if out else []
        return nb, resources


def _verdict_outputs(ex, cell) -> list:
    if cell["passed"]:
        return [new_output("stream", name="stdout", text="✓ " + ex.feedback + "\n")]
    lines = ex.feedback.splitlines() or [ex.status]
    ename = _ENAMES.get(ex.status, "CheckFailed") if ex.status != PASSED else "CheckFailed"
    return [new_output("error", ename=ename, evalue=lines[0], traceback=lines)]


def _cell_outputs(out: dict) -> list:
    outputs = []
    if out.get("stdout"):
        outputs.append(new_output("stream", name="stdout", text=out["stdout"]))
    err = out.get("error")
    if err:
        outputs.append(new_output("error", ename=err.get("ename", "Error"), evalue=err.get("evalue", ""),
                                  traceback=[f"{err.get('ename', 'Error')}: {err.get('evalue', '')}"]))
    return outputs


class VerdictAutograde(Autograde):
    """nbgrader's Autograde, for the submissions we graded, with our verdicts instead of a kernel."""

    autograde_preprocessors = List([
        ApplyVerdicts, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
    ]).tag(config=True)

    def __init__(self, *args, submissions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._submissions = submissions or []

    def init_notebooks(self) -> None:
        self.assignments = {}
        self.notebooks = []
        for student, assignment, path in self._submissions:
            folder = self._format_source(assignment, student)
            self.assignments.setdefault(folder, []).append(str(path))


def _config(course: Course) -> Config:
    cfg = Config(course.config) if course.config is not None else Config()
    cfg.CourseDirectory.root = str(course.root)
    cfg.OverwriteCells.add_missing_cells = True  # a deleted test cell comes back, as in our grading
    cfg.ClearMetadataPreprocessor.enabled = True
    cfg.ClearMetadataPreprocessor.clear_notebook_metadata = False
    cfg.ClearMetadataPreprocessor.preserve_cell_metadata_mask = [("nbgrader",)]
    return cfg


def _coursedir(cfg: Config, **traits) -> CourseDirectory:
    cd = CourseDirectory(config=cfg)
    for k, v in traits.items():
        setattr(cd, k, v)
    return cd


def ensure_assignment(course: Course, assignment: str, cfg: Config) -> None:
    """The assignment must be in the gradebook (as `make release` puts it): if it is not, run
    nbgrader's GenerateAssignment into a throwaway release folder."""
    cd = _coursedir(cfg)
    with Gradebook(cd.db_url, cd.course_id) as gb:
        try:
            gb.find_assignment(assignment)
            return
        except MissingEntry:
            pass
    with tempfile.TemporaryDirectory(prefix="autograder-release-") as tmp:
        cd = _coursedir(cfg, release_directory=tmp, assignment_id=assignment)
        GenerateAssignment(coursedir=cd, config=cfg, force=True).start()


def record(course: Course, results: list[NotebookResult], log=print) -> str:
    """Put `results` into nbgrader's gradebook and autograded/ folder. Returns a summary."""
    import warnings

    with warnings.catch_warnings():
        # nbgrader's own SQLAlchemy usage warns about autoflush on every autograde; not ours to fix
        warnings.filterwarnings("ignore", module="nbgrader")
        warnings.filterwarnings("ignore", message=".*not in session.*")
        return _record(course, results, log)


def _record(course: Course, results: list[NotebookResult], log=print) -> str:
    cfg = _config(course)
    for name in ("traitlets", "nbgrader", "NbGrader", "Autograde", "VerdictAutograde", "GenerateAssignment"):
        logging.getLogger(name).setLevel(logging.ERROR)
    by_assignment: dict[str, list[NotebookResult]] = {}
    for r in results:
        by_assignment.setdefault(r.assignment, []).append(r)
    recorded, zeroed, failed = 0, 0, []
    for assignment, group in sorted(by_assignment.items()):
        try:
            ensure_assignment(course, assignment, cfg)
        except Exception as exc:
            failed.append(f"{assignment}: {type(exc).__name__}: {exc}")
            continue
        cd = _coursedir(cfg, assignment_id=assignment)
        submissions, unreadable = [], []
        for r in group:
            target = Path(cd.format_path(cd.submitted_directory, r.student, assignment)) / f"{r.notebook}.ipynb"
            if r.status == "error" and r.error.startswith("the notebook could not be read"):
                unreadable.append(r)
                continue
            try:
                _place(r, target)
            except OSError as exc:
                failed.append(f"{r.student}: {exc}")
                continue
            submissions.append((r.student, assignment, target))
            _RESULTS[(r.student, assignment, r.notebook)] = r
        try:
            for one in submissions:  # one at a time: a failure costs that submission only
                converter = VerdictAutograde(coursedir=cd, config=cfg, submissions=[one])
                converter.force = True
                converter.log.setLevel(logging.CRITICAL)
                try:
                    converter.start()
                    recorded += 1
                except Exception as exc:
                    failed.append(f"{one[0]}/{assignment}: {type(exc).__name__}: {exc}")
        finally:
            for s, a, p in submissions:
                _RESULTS.pop((s, a, Path(p).stem), None)
        if unreadable:
            with Gradebook(cd.db_url, cd.course_id) as gb:
                for r in unreadable:
                    gb.update_or_create_student(r.student)
                    sub = gb.update_or_create_submission(assignment, r.student)
                    for nb in sub.notebooks:
                        for grade in nb.grades:
                            grade.auto_score = 0
                            grade.needs_manual_grade = False
                    gb.db.commit()
                    zeroed += 1
    summary = f"{recorded} notebook(s) recorded in nbgrader's gradebook" + \
        (f", {zeroed} unreadable one(s) scored 0" if zeroed else "")
    if failed:
        summary += f"; NOT recorded ({len(failed)}): " + "; ".join(failed[:5])
    return summary


def _place(result: NotebookResult, target: Path) -> None:
    """nbgrader reads submissions from submitted/<student>/<assignment>/: put ours there unless
    it is already the file we graded."""
    source = Path(result.source)
    if source.exists() and target.exists() and source.resolve() == target.resolve():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    data = _source_bytes(result)
    if data is None or hashlib.sha256(data).hexdigest() != result.digest:
        raise FileNotFoundError(f"{result.source} is gone or changed since it was graded")
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)


def _source_bytes(result: NotebookResult) -> bytes | None:
    import zipfile

    if "!" in result.source:
        archive, member = result.source.split("!", 1)
        with zipfile.ZipFile(archive) as z:
            return z.read(member)
    p = Path(result.source)
    return p.read_bytes() if p.exists() else None

