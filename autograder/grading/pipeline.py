"""A grading run: collect the submissions, grade them in parallel (worker threads with a fork
server each, or a Dask cluster), store each result as it arrives, then record the grades in
nbgrader's gradebook and write the reports.

The results do not depend on how the work is spread: every notebook is graded in a fresh child
on cases made from the run's seed, so `--jobs 1`, `--jobs 8` and a cluster agree.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import forkserver
from .collect import Problem, collect
from .course import Course
from .job import CaseBank
from .results import ERROR, ExerciseResult, NotebookResult
from .store import Store
from .submission import Options, Submission, grade_notebook

GRADER_VERSION = "2"  # 2: damaged notebooks restored (copies, splits, lost metadata), faults by the cells that define graded names


@dataclass
class Settings:
    paths: list[str]
    course: str | None = None
    jobs: int = 0  # 0: as many as there are cores
    timeout: float = 60.0
    seed: int | None = None
    scheduler: str | None = None
    out: str | None = None
    gradebook: bool = True
    force: bool = False
    progress: bool = True
    memory: int = 4 << 30
    isolate: bool = True
    static_scan: bool = True
    all_cells: bool = False
    reports: bool = True


@dataclass
class Report:
    results: list[NotebookResult]
    problems: list[Problem]
    seed: int
    out: Path
    graded: int = 0
    reused: int = 0
    tripwire: list[str] = field(default_factory=list)
    gradebook: str = ""  # what was recorded, in words
    files: dict = field(default_factory=dict)  # report name -> path

    @property
    def unrecorded(self) -> list[NotebookResult]:
        """Results the gradebook does not hold as the grader graded them (when it was used)."""
        return [r for r in self.results if r.gradebook and r.gradebook != "recorded"]

    def rows(self) -> list[dict]:
        rows = [r for res in self.results for r in res.rows()]
        rows += [{"student": None, "notebook": p.source, "assignment": None, "exercise": None, "score": 0,
                  "max_score": 0, "status": ERROR, "message": p.message} for p in self.problems]
        return rows


def library_digest() -> str:
    """Of the code verdicts depend on (the checks, their probes, the exercises, and the grader's
    sandbox and pipeline): a stored result graded by another version of it is graded again."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for folder in ("checks", "exercises", "grading"):
        for path in sorted((package / folder).rglob("*.py")):
            h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def fingerprint(official_digest: str, options: Options, library: str = "") -> str:
    parts = [GRADER_VERSION, library, official_digest, f"{options.timeout:g}", str(options.static_scan),
             str(options.all_cells)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def private_paths(course: Course, out: Path, inputs: list[str]) -> tuple[str, ...]:
    """What student code may not read: the official notebooks (with their solutions and hidden
    tests), the class's submissions and results, the grader's outputs."""
    paths = [course.solutions, out, *(course.root / d for d in ("submitted", "autograded", "feedback", "source",
                                                                "tests", "grading", "gradebook.db"))]
    paths += [Path(p).resolve() for p in inputs]
    from ..paths import data_root

    # Never what the child needs: the package, Python, the data, the temporary folders.
    needed = [Path(__file__).resolve().parents[1], Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
              data_root(), Path(tempfile.gettempdir()).resolve()]
    keep = set()
    for p in paths:
        p = p.resolve()
        if p.exists() and not any(n == p or p in n.parents for n in needed):
            keep.add(str(p))
    return tuple(sorted(keep))


def _prepare_data(course: Course, assignments: set[str], log) -> None:
    """The data the notebooks load (mnist()): prepared before grading, since the sandbox shows the
    data folder read-only and cannot prepare it itself."""
    uses = False
    for a in sorted(assignments):
        try:
            uses = uses or any("mnist(" in c.source for c in course.official(a).cells)
        except Exception:
            continue
    if not uses:
        return
    from .. import data

    if not data.verify(data.resolve_root(None)):
        return
    import contextlib

    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout may be --json's
            root = data.prepare(None, verbose=False)
        log(f"prepared the course's data in {root} (the notebooks load MNIST)")
    except Exception as exc:
        log(f"the course's data could not be prepared ({exc}): the notebooks' MNIST demos will fail")


def _ensure_tools_on_path() -> None:
    """nbgrader runs `alembic` from PATH: make the tools of this Python's environment visible."""
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


class LocalGrader:
    """Grades submissions in this process's threads, one fork server per thread."""

    def __init__(self, course: Course, options: Options, workdir: Path):
        self.course, self.options, self.workdir = course, options, workdir
        self.bank = CaseBank(workdir / "cases")
        self.servers = forkserver.Servers()

    def __call__(self, sub: Submission) -> NotebookResult:
        return _grade_safely(sub, self.course.official(sub.assignment), self.options, self.bank,
                             self.servers, self.workdir)

    def close(self) -> None:
        self.servers.close()


def _grade_safely(sub, official, options, bank, servers: forkserver.Servers, workdir) -> NotebookResult:
    """A bug or a lost fork server costs this notebook, never the class."""
    try:
        return grade_notebook(sub, official, options, bank, servers.for_official(official), workdir)
    except Exception as exc:
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        result = NotebookResult(sub.student, sub.assignment, sub.notebook, sub.source, sub.digest, options.seed,
                                status="error", error=f"the grader failed on this notebook: {detail}")
        result.exercises = [ExerciseResult(ex, 0.0, official.max_score(ex), ERROR, result.error, result.error)
                            for ex in official.exercises]
        return result


# ---- Dask ---------------------------------------------------------------------------------------

_worker_state: dict = {}
_worker_lock = threading.Lock()


def _dask_grade(payload: dict) -> dict:
    """Runs on a Dask worker: the same grading, with the worker's own fork servers and cases."""
    from .restore import load_official_bytes

    with _worker_lock:
        if "workdir" not in _worker_state:
            workdir = Path(tempfile.mkdtemp(prefix="autograder-dask-"))
            _worker_state.update(workdir=workdir, bank=CaseBank(workdir / "cases"), officials={},
                                 servers=forkserver.Servers())
        state = _worker_state
        key = (payload["assignment"], payload["official_digest"])
        if key not in state["officials"]:
            state["officials"][key] = load_official_bytes(payload["official"], payload["assignment"])
        official = state["officials"][key]

    sub = Submission(**payload["submission"])
    options = Options(**payload["options"])
    return _grade_safely(sub, official, options, state["bank"], state["servers"], state["workdir"]).to_dict()


# ---- the run ------------------------------------------------------------------------------------

def grade(settings: Settings, log=print) -> Report:
    _ensure_tools_on_path()
    course = Course.find(settings.course)
    out = Path(settings.out) if settings.out else (course.root / "grading" if course.has_gradebook else Path("grading"))
    out.mkdir(parents=True, exist_ok=True)
    store = Store(out / "results.sqlite")
    seed = store.seed(settings.seed)
    from ..paths import data_root

    options = Options(seed=seed, timeout=settings.timeout, memory=settings.memory, isolate=settings.isolate,
                      static_scan=settings.static_scan, all_cells=settings.all_cells,
                      private=private_paths(course, out, settings.paths), data=str(data_root()))
    subs, problems = collect(settings.paths, course)
    _prepare_data(course, {s.assignment for s in subs}, log)
    before = course.file_digest()

    results: dict[tuple, NotebookResult] = {}
    todo: list[Submission] = []
    prints: dict[tuple, str] = {}
    library = library_digest()
    for sub in subs:
        try:
            prints[sub.key] = fingerprint(course.official(sub.assignment).digest, options, library)
        except Exception as exc:
            problems.append(Problem(sub.source, f"the official notebook of {sub.assignment} cannot be used: {exc}"))
            continue
        cached = None if settings.force else store.get(sub.key, sub.digest, prints[sub.key], seed)
        if cached is not None:
            results[sub.key] = cached
        else:
            todo.append(sub)
    report = Report([], problems, seed, out, graded=len(todo), reused=len(results))

    bar = _progress(len(todo), settings.progress)

    def done(result: NotebookResult) -> None:
        store.put(result, prints[(result.student, result.assignment, result.notebook)])
        results[(result.student, result.assignment, result.notebook)] = result
        bar.update(1)

    workdir = Path(tempfile.mkdtemp(prefix="autograder-grade-"))
    try:
        if todo and settings.scheduler:
            _run_dask(settings.scheduler, todo, course, options, done)
        elif todo:
            grader = LocalGrader(course, options, workdir)
            try:
                jobs = settings.jobs or os.cpu_count() or 1
                with ThreadPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
                    for fut in as_completed([pool.submit(grader, s) for s in todo]):
                        done(fut.result())
            finally:
                grader.close()
    finally:
        bar.close()
        shutil.rmtree(workdir, ignore_errors=True)

    report.results = [results[s.key] for s in subs if s.key in results]
    after = course.file_digest()
    report.tripwire = sorted(f"{'changed' if p in before and p in after else 'added' if p in after else 'removed'}: {p}"
                             for p in set(before) | set(after) if before.get(p) != after.get(p))
    if course.has_gradebook and settings.gradebook and report.results:
        from . import gradebook

        report.gradebook = gradebook.record(course, report.results, log=log)
        for r in report.results:  # what the gradebook holds, kept with the result
            store.put(r, prints[r.key])
        store.mark_recorded([r.student, r.assignment, r.notebook] for r in report.results if r.gradebook == "recorded")
    if settings.reports:
        from . import classreport, feedback

        everything = store.all(seed)
        report.files = feedback.write(out, everything, {r.student for r in report.results})
        report.files["reports"] = classreport.write(out, everything, course, seed)
    store.close()
    return report


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="notebook", desc="grading", disable=not enabled or total == 0, file=sys.stderr)


def _run_dask(address: str, todo: list[Submission], course: Course, options: Options, done) -> None:
    from dataclasses import asdict

    from distributed import Client
    from distributed import as_completed as dask_completed

    client = Client(address)
    try:
        futures = []
        for sub in todo:
            official = course.official(sub.assignment)
            payload = {"submission": asdict(sub), "assignment": sub.assignment, "official": official.path.read_bytes(),
                       "official_digest": official.digest, "options": asdict(options)}
            futures.append(client.submit(_dask_grade, payload, pure=False, key=f"grade-{sub.student}-{sub.assignment}-{sub.digest[:12]}"))
        for fut in dask_completed(futures):
            done(NotebookResult.from_dict(fut.result()))
    finally:
        client.close()
