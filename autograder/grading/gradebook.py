"""Recording a grading run in nbgrader's gradebook, with nbgrader's own machinery.

`VerdictAutograde` is nbgrader's Autograde converter with two changes: nbgrader sanitizes the
notebook the grader actually graded (the student's, with the official cells put back, copies and
split cells resolved, lost metadata found: restore.restore) instead of reading the submitted file
itself, so that nbgrader sees one cell per grade_id, where the grader saw it; and where
nbgrader would execute the notebook (`Execute`), `ApplyVerdicts` gives every cell the outputs of
our sandboxed run, and each test cell an output that says our verdict (an error output when it
failed, which is what nbgrader scores 0). Everything else is nbgrader's: sanitizing, restoring
locked cells from the gradebook, creating students and submissions, late penalties,
`SaveAutoGrades`, and the autograded/<student>/<assignment>/<nb>.ipynb it writes. So formgrader,
manual grading, `nbgrader generate_feedback` and `nbgrader export` work as usual.

After recording, every submission's grades are read back from the gradebook and compared with the
grader's: each result says "recorded", or why not (`NotebookResult.gradebook`), which the JSON
shows and the exit status reflects; nothing is reported in a log line only.
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
from nbgrader import utils as nbgrader_utils
from nbgrader.converters.base import BaseConverter
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, LimitOutput, NbGraderPreprocessor,
                                    SaveAutoGrades)
from nbgrader.utils import is_grade
from nbformat.v4 import new_output
from traitlets import List
from traitlets.config import Config

from .course import Course
from .restore import source_key
from .results import PASSED, NotebookResult

# (student, assignment, notebook) -> NotebookResult, and the notebook the grader graded, for
# UseRestored and ApplyVerdicts during one `record` call
_RESULTS: dict[tuple[str, str, str], NotebookResult] = {}
_RESTORED: dict[tuple[str, str, str], object] = {}
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

    def convert_single_notebook(self, notebook_filename: str) -> None:
        """Autograde's two passes, the first on the notebook the grader graded: nbgrader would
        read the submitted file itself, and choke on what the grader copes with (a byte-order
        mark, cells that lost their metadata, duplicated grade_ids)."""
        import copy
        import os

        self._sanitizing = True
        self._init_preprocessors()
        resources = self.init_single_notebook_resources(notebook_filename)
        info = resources["nbgrader"]
        restored = _RESTORED[(info["student"], info["assignment"], info["notebook"])]
        output, resources = self.exporter.from_notebook_node(copy.deepcopy(restored), resources=resources)
        self.write_single_notebook(output, resources)
        autograded = os.path.join(self.writer.build_directory, os.path.basename(notebook_filename))
        self._sanitizing = False
        self._init_preprocessors()
        try:
            with nbgrader_utils.setenv(NBGRADER_EXECUTION="autograde"):
                BaseConverter.convert_single_notebook(self, autograded)
        finally:
            self._sanitizing = True


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
    """Put `results` into nbgrader's gradebook and autograded/ folder, then read every
    submission's grades back: each result's `gradebook` says "recorded" or why not. Returns a
    summary."""
    import warnings

    with warnings.catch_warnings():
        # nbgrader's own SQLAlchemy usage warns about autoflush on every autograde; not ours to fix
        warnings.filterwarnings("ignore", module="nbgrader")
        warnings.filterwarnings("ignore", message=".*not in session.*")
        for r in results:
            r.gradebook = "not recorded: the grader did not get to it"
        _record(course, results, log)
        verify(course, results)
    recorded = sum(r.gradebook == "recorded" for r in results)
    summary = f"{recorded} of {len(results)} notebook(s) recorded in nbgrader's gradebook, agreeing with the grader"
    missing = [r for r in results if r.gradebook != "recorded"]
    if missing:
        summary += f"; NOT recorded ({len(missing)}): " + "; ".join(
            f"{r.student}/{r.assignment}: {r.gradebook.removeprefix('not recorded: ')}" for r in missing[:5])
    return summary


def _record(course: Course, results: list[NotebookResult], log=print) -> None:
    cfg = _config(course)
    for name in ("traitlets", "nbgrader", "NbGrader", "Autograde", "VerdictAutograde", "GenerateAssignment"):
        logging.getLogger(name).setLevel(logging.ERROR)
    by_assignment: dict[str, list[NotebookResult]] = {}
    for r in results:
        by_assignment.setdefault(r.assignment, []).append(r)
    for assignment, group in sorted(by_assignment.items()):
        try:
            ensure_assignment(course, assignment, cfg)
        except Exception as exc:
            for r in group:
                r.gradebook = f"not recorded: the assignment is not in the gradebook ({type(exc).__name__}: {exc})"
            continue
        cd = _coursedir(cfg, assignment_id=assignment)
        submissions, unreadable = [], []
        for r in group:
            target = Path(cd.format_path(cd.submitted_directory, r.student, assignment)) / f"{r.notebook}.ipynb"
            if r.status == "error" and r.error.startswith("the notebook could not be read"):
                unreadable.append(r)
                continue
            try:
                data = _place(r, target)
                _RESTORED[(r.student, assignment, r.notebook)] = _restored(course, r, data)
            except Exception as exc:
                r.gradebook = f"not recorded: {type(exc).__name__}: {exc}"
                continue
            submissions.append((r, (r.student, assignment, target)))
            _RESULTS[(r.student, assignment, r.notebook)] = r
        try:
            for r, one in submissions:  # one at a time: a failure costs that submission only
                converter = VerdictAutograde(coursedir=cd, config=cfg, submissions=[one])
                converter.force = True
                errors = _Errors()  # nbgrader's errors are kept for the result, not printed
                for h in converter.log.handlers:
                    h.setLevel(logging.CRITICAL + 1)
                converter.log.setLevel(logging.ERROR)
                converter.log.propagate = False
                converter.log.addHandler(errors)
                try:
                    converter.start()
                    r.gradebook = "recorded"
                except BaseException as exc:  # nbgrader exits (SystemExit) on a failed conversion
                    why = errors.cause() or f"{type(exc).__name__}: {exc}"
                    r.gradebook = f"not recorded: nbgrader's autograde failed ({why})"
        finally:
            for r, _ in submissions:
                _RESULTS.pop((r.student, assignment, r.notebook), None)
                _RESTORED.pop((r.student, assignment, r.notebook), None)
        if unreadable:
            with Gradebook(cd.db_url, cd.course_id) as gb:
                for r in unreadable:
                    try:
                        gb.update_or_create_student(r.student)
                        sub = gb.update_or_create_submission(assignment, r.student)
                        for nb in sub.notebooks:
                            for grade in nb.grades:
                                grade.auto_score = 0
                                grade.needs_manual_grade = False
                        gb.db.commit()
                        r.gradebook = "recorded"
                    except Exception as exc:
                        r.gradebook = f"not recorded: {type(exc).__name__}: {exc}"


class _Errors(logging.Handler):
    """The errors nbgrader logs (it raises only "see the above traceback")."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def cause(self) -> str:
        """The exception at the root of the failure, as "Type: message", else nbgrader's first error."""
        for record in self.records:
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                return f"{type(exc).__name__}: {exc}"
        for record in self.records:  # nbgrader logs the formatted traceback as the message
            lines = [ln for ln in record.getMessage().strip().splitlines() if ln.strip()]
            if lines and lines[0].startswith("Traceback"):
                return lines[-1].strip()
        return self.records[0].getMessage().strip().splitlines()[0] if self.records else ""


def _restored(course: Course, result: NotebookResult, data: bytes):
    """The notebook the grader graded: the submission restored against its official notebook."""
    from .restore import restore
    from .submission import read_notebook

    return restore(read_notebook(data), course.official(result.assignment, result.notebook)).notebook


def verify(course: Course, results: list[NotebookResult]) -> None:
    """Read back the grade of every test cell of every recorded submission: a grade that needs a
    manual grade, or differs from the grader's, makes the result "not recorded"."""
    cfg = _config(course)
    cd = _coursedir(cfg)
    with Gradebook(cd.db_url, cd.course_id) as gb:
        for r in results:
            if r.gradebook != "recorded":
                continue
            expected = {gid: (cell["points"] if cell["passed"] else 0.0)
                        for e in r.exercises for gid, cell in e.cells.items()}
            if r.status == "error" and not expected:
                continue
            try:
                nb = gb.find_submission_notebook(r.notebook, r.assignment, r.student)
            except MissingEntry:
                r.gradebook = "not recorded: the gradebook has no such submission after recording"
                continue
            got = {g.name: g for g in nb.grades}
            problems = []
            for gid, points in sorted(expected.items()):
                g = got.get(gid)
                if g is None:
                    problems.append(f"{gid} is missing")
                elif g.needs_manual_grade:
                    problems.append(f"{gid} needs a manual grade")
                elif abs(float(g.score or 0) - points) > 1e-9:
                    problems.append(f"{gid} has {float(g.score or 0):g}, the grader {points:g}")
            if problems:
                r.gradebook = "not recorded: the gradebook disagrees with the grader: " + "; ".join(problems[:5])


def _place(result: NotebookResult, target: Path) -> bytes:
    """nbgrader reads submissions from submitted/<student>/<assignment>/: put ours there unless
    it is already the file we graded. Returns the submitted bytes."""
    data = _source_bytes(result)
    if data is None or hashlib.sha256(data).hexdigest() != result.digest:
        raise FileNotFoundError(f"{result.source} is gone or changed since it was graded")
    source = Path(result.source)
    if source.exists() and target.exists() and source.resolve() == target.resolve():
        return data
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return data


def _source_bytes(result: NotebookResult) -> bytes | None:
    import zipfile

    if "!" in result.source:
        archive, member = result.source.split("!", 1)
        with zipfile.ZipFile(archive) as z:
            return z.read(member)
    p = Path(result.source)
    return p.read_bytes() if p.exists() else None

