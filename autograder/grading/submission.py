"""Grading one notebook: restore its official cells, run it in a sandboxed child, verify and
judge what the child observed, and put the verdicts together per exercise.

A fault in a cell (a timeout, a refusal of the sandbox, a child that dies or is killed) costs the
exercises the cell belongs to: its solution cell (copies and split halves included) or a cell that
defines a name their checks look up. In a cell that belongs to no exercise (a cell the student
added that defines no graded name) it is a note, never a lost exercise. A child that dies is run
again without the cell it was running, so that the other exercises are still graded (at most
`max_attempts` runs). Cells are named by their number in the student's notebook.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import job as jobs
from .restore import Official, restore, source_key
from ..checks.report import Verdict
from .results import ERROR, FAILED, NOT_ATTEMPTED, PASSED, TIMEOUT, ExerciseResult, NotebookResult
from .verdicts import BadObservation, for_student, judge_observation, messages, read_observation

MAX_OUTPUT_FILE = 1 << 20


@dataclass
class Options:
    seed: int
    timeout: float = 60.0  # seconds per cell
    memory: int = 4 << 30  # address space a child may add to the fork server's
    file_size: int = 256 << 20  # largest file a child may write
    output_limit: int = 20_000  # characters of output kept per cell
    isolate: bool = True  # namespaces where the OS allows
    static_scan: bool = True
    all_cells: bool = False  # also run unchanged demo cells nobody needs
    max_attempts: int = 4
    keep: bool = False  # keep the job folders (debugging)
    private: tuple[str, ...] = ()  # folders and files student code may not read (solutions, submissions)
    data: str | None = None  # the course's data folder ($COURSE_DATA in the child: read-only there)

    @property
    def cpu(self) -> int:
        return int(max(600, 20 * self.timeout))


@dataclass
class Submission:
    student: str
    assignment: str
    notebook: str  # name, without .ipynb
    source: str  # where it came from, for messages
    data: bytes = field(repr=False)
    timestamp: str | None = None
    notes: list[str] = field(default_factory=list)  # how it was chosen (the latest of several attempts)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.student, self.assignment, self.notebook)


def read_notebook(data: bytes):
    """The notebook in `data`: UTF-8 with or without a byte-order mark, any line endings; cell ids
    that another tool duplicated are renumbered (nbformat repairs them)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat's DuplicateCellId and MissingIDField warnings
        nb = nbformat.reads(data.decode("utf-8-sig"), as_version=4)
        nbformat.validate(nb)
    return nb


# ---- grading one notebook: a sequence of named steps over one `Grading` ----------------------
#
#   read_submission    the notebook, or an `error` result for every exercise if it cannot be read
#   plan_job           restore.restore (official cells back, lost metadata found) and job.build
#   run_attempts       run the job in a child; past a cell that killed it, again without that cell
#     follow_progress    what each cell did: timeouts, refusals, errors (on the student's numbering)
#     judge_observations the signed observation files, verified and judged here
#     read_outputs       the cells' outputs, to be shown (never trusted)
#   conclude           the result of every exercise

@dataclass
class Grading:
    sub: Submission
    official: Official
    options: Options
    bank: jobs.CaseBank
    server: object
    workdir: Path
    result: NotebookResult
    started: float = field(default_factory=time.monotonic)
    plan: object = None
    job: jobs.Job | None = None
    cells: dict = field(default_factory=dict)  # restored index -> PlanCell
    verdicts: dict = field(default_factory=dict)  # check seq -> Verdict
    faults: dict = field(default_factory=dict)  # exercise -> (status, why)
    penalties: dict = field(default_factory=dict)  # exercise -> refusals and changes
    cell_errors: dict = field(default_factory=dict)  # restored index -> {"ename", "evalue"}
    skip: set = field(default_factory=set)  # cells not to run again
    general: list = field(default_factory=list)  # notebook-level notes
    last_exit: str = "the notebook's run ended early"

    def note(self, text: str) -> None:
        if text not in self.general:
            self.general.append(text)

    def owners(self, index) -> tuple[str, ...]:
        cell = self.cells.get(index)
        return cell.owners if cell is not None else ()

    def where(self, index) -> str:
        cell = self.cells.get(index)
        return cell.where if cell is not None else "a cell"


def grade_notebook(sub: Submission, official: Official, options: Options, bank: jobs.CaseBank,
                   server, workdir: Path) -> NotebookResult:
    g = Grading(sub, official, options, bank, server, workdir,
                NotebookResult(sub.student, sub.assignment, sub.notebook, sub.source, sub.digest, options.seed))
    nb = read_submission(g)
    if nb is not None:
        plan_job(g, nb)
        run_attempts(g)
        conclude(g)
    g.result.notes = list(g.sub.notes) + g.general
    g.result.seconds = time.monotonic() - g.started
    return g.result


def read_submission(g: Grading):
    try:
        return read_notebook(g.sub.data)
    except Exception as exc:
        why = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        g.result.status, g.result.error = "error", f"the notebook could not be read: {why}"
        g.result.exercises = [ExerciseResult(ex, 0.0, g.official.max_score(ex), ERROR, g.result.error, g.result.error)
                              for ex in g.official.exercises]
        return None


def plan_job(g: Grading, nb) -> None:
    g.plan = restore(nb, g.official)
    g.job = jobs.build(g.plan, g.options.seed, all_cells=g.options.all_cells, static_scan=g.options.static_scan)
    g.cells = {c.index: c for c in g.plan.cells}
    g.general.extend(g.plan.general)


def run_attempts(g: Grading) -> None:
    for attempt in range(g.options.max_attempts):
        g.result.attempts = attempt + 1
        done = set(g.verdicts)
        if all(k.seq in done for k in g.job.checks):
            break
        key, nonce = secrets.token_bytes(32), secrets.token_bytes(16)
        folder = Path(g.workdir) / f"job-{secrets.token_hex(8)}"  # never a name taken from a submission
        specs = jobs.write(g.job, folder, g.bank, g.skip, done)
        o = g.options
        request = {"job": str(folder), "nonce": nonce.hex(), "cases": specs, "timeout": o.timeout,
                   "memory": o.memory, "cpu": o.cpu, "file_size": o.file_size, "output_limit": o.output_limit,
                   "isolate": o.isolate, "private": list(o.private), "data": o.data}
        outcome = g.server.run(request, key, cell_timeout=o.timeout)
        g.last_exit = outcome.exit_description
        current, finished = follow_progress(g, outcome.lines, key, nonce)
        judge_observations(g, folder / "obs", key, nonce, done)
        read_outputs(folder / "obs", g.result, {c.index: c.source for c in g.plan.cells})
        if not o.keep:
            shutil.rmtree(folder, ignore_errors=True)
        if finished or current is None or current in g.skip:
            break
        child_died(g, current, outcome)


def follow_progress(g: Grading, lines: list[str], key: bytes, nonce: bytes) -> tuple[int | None, bool]:
    """(the cell running when the child stopped, whether it finished), from its signed lines.
    A fault in a cell costs the exercises the cell belongs to; in a cell that belongs to none (it
    defines no graded name) it is a note."""
    msgs, forged = messages(lines, key, nonce)
    if forged:
        g.note(f"{forged} line(s) on the grader's channel were not written by the grader (ignored)")
    current, finished = None, False
    for m in msgs:
        t = m.get("t")
        if t == "ready":
            g.result.isolation = [str(x) for x in m.get("isolation") or []]
        elif t == "start":
            current = m.get("cell")
        elif t == "end":
            index, current = m.get("cell"), None
            cell = g.cells.get(index)
            if isinstance(m.get("error"), dict):
                g.cell_errors[index] = m["error"]
            if cell is None or m.get("official") or cell.kind != "student":
                if m.get("status") == "timeout" and cell is not None:
                    g.note(f"{cell.where} (the course's code) ran longer than {g.options.timeout:g} s and was interrupted")
                continue
            violations = [str(v) for v in m.get("violations") or []]
            timed_out = m.get("status") == "timeout"
            for ex in cell.owners:
                for v in violations:
                    if v not in g.penalties.setdefault(ex, []):
                        g.penalties[ex].append(v)
                if timed_out:
                    g.faults.setdefault(ex, (TIMEOUT, f"{cell.where} ran longer than {g.options.timeout:g} s"))
            if not cell.owners and violations:
                g.note(f"{cell.where}: the grader's sandbox refused or undid something ({'; '.join(violations[:3])}); "
                       "the cell defines no graded function, so no exercise lost points for it")
            if not cell.owners and timed_out:
                g.note(f"{cell.where} ran longer than {g.options.timeout:g} s and was interrupted; it defines no "
                       "graded function, so no exercise lost points for it")
        elif t == "done":
            finished = True
    return current, finished


def judge_observations(g: Grading, obs: Path, key: bytes, nonce: bytes, done: set) -> None:
    for k in g.job.checks:
        if k.seq in done:
            continue
        path = obs / f"{k.seq}.obs"
        if not path.exists():
            continue
        entry = g.bank.get(k.checked, k.seed, k.hidden)
        try:
            body = read_observation(path, key, nonce, k.seq)
        except BadObservation as exc:
            g.verdicts[k.seq] = Verdict(k.checked, ERROR, f"{k.checked}: {exc}", stage="integrity")
            continue
        g.verdicts[k.seq] = judge_observation(entry, body, k.hidden)


def child_died(g: Grading, current: int, outcome) -> None:
    """The child died or was killed in cell `current`: the cell costs the exercises it belongs to
    (a note where it belongs to none) and is skipped when the notebook runs again."""
    g.skip.add(current)
    status = TIMEOUT if outcome.killed else ERROR
    where = g.where(current)
    why = f"{where}: {outcome.exit_description}"
    for ex in g.owners(current):
        g.faults.setdefault(ex, (status, why))
    if not g.owners(current):
        g.note(f"{why}; the cell defines no graded function, so no exercise lost points for it, and the "
               "notebook was run again without it")
    if g.cells.get(current) is not None and g.cells[current].kind == "test":
        for k in g.job.checks:
            if k.cell == current and k.seq not in g.verdicts:
                g.verdicts[k.seq] = Verdict(k.checked, status, f"{k.checked}: {why}", stage="raised")


def conclude(g: Grading) -> None:
    g.result.exercises = [_exercise(ex, g) for ex in g.official.exercises]


def read_outputs(obs: Path, result: NotebookResult, sources: dict[int, str]) -> None:
    """Cell outputs as the child wrote them: untrusted, so only shown, and bounded."""

    for path in obs.glob("cell-*.json"):
        try:
            if path.stat().st_size > MAX_OUTPUT_FILE:
                continue
            data = json.loads(path.read_text())
            index = int(path.stem.split("-", 1)[1])
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        error = data.get("error") if isinstance(data.get("error"), dict) else None
        result.outputs[str(index)] = {
            "sha": source_key(sources.get(index, "")),
            "stdout": str(data.get("stdout") or "")[:100_000],
            "error": {"ename": str(error.get("ename", ""))[:200], "evalue": str(error.get("evalue", ""))[:2000]}
            if error else None}


def _exercise(ex: str, g: Grading) -> ExerciseResult:
    official, job, verdicts, plan = g.official, g.job, g.verdicts, g.plan
    max_score = official.max_score(ex)
    checks = [k for k in job.checks if k.exercise == ex]
    notes = list(plan.notes.get(ex, []))
    counts = {"visible": [0, 0], "hidden": [0, 0]}

    def fail(status, message, feedback=None, stage=""):
        return ExerciseResult(ex, 0.0, max_score, status, message, feedback or message, counts, notes,
                              {c.grade_id: {"passed": False, "points": c.points}
                               for c in official.test_cells if c.exercise == ex}, stage=stage)

    if job.flagged.get(ex):
        msg = f"{ex}: not graded: the code of this exercise uses what graded code may not use\n" + \
            "\n".join("  " + h for h in job.flagged[ex])
        return fail(ERROR, msg, stage="static scan")
    if g.penalties.get(ex):
        msg = f"{ex}: does not count: the grader's sandbox refused or undid something this exercise's code did\n" + \
            "\n".join("  " + p for p in g.penalties[ex][:10])
        return fail(ERROR, msg, stage="sandbox")
    if ex in g.faults:
        status, why = g.faults[ex]
        return fail(status, f"{ex}: {why}", stage="cell")
    missing = [k for k in checks if k.seq not in verdicts]
    if missing:
        return fail(ERROR, f"{ex}: could not be checked ({g.last_exit})", stage="cell")

    for k in checks:
        v = verdicts[k.seq]
        side = counts["hidden" if k.hidden else "visible"]
        side[0] += v.checks_passed
        side[1] += v.checks_total
    cells = {c.grade_id: {"passed": all(verdicts[k.seq].passed for k in checks if k.grade_id == c.grade_id),
                          "points": c.points}
             for c in official.test_cells if c.exercise == ex}
    score = sum(c["points"] for c in cells.values() if c["passed"])
    failing = next((k for k in checks if not verdicts[k.seq].passed), None)
    if failing is None:
        v, h = counts["visible"][1], counts["hidden"][1]
        msg = f"{ex}: all {v + h} checks passed ({v} visible, {h} hidden)"
        return ExerciseResult(ex, score, max_score, PASSED, msg, msg, counts, notes, cells)
    v = verdicts[failing.seq]
    message, feedback = v.message, for_student(v, failing.hidden)
    if v.status == ERROR and v.stage == "raised":
        owned = [c for c in plan.cells if c.grade_id == ex] + [c for c in plan.cells if ex in c.owners and c.kind == "student"]
        err = next((g.cell_errors[c.index] for c in owned if c.index in g.cell_errors), None)
        if err:
            extra = f"\n  Its solution cell raised {err.get('ename')}: {str(err.get('evalue'))[:300]}"
            message, feedback = message + extra, feedback + extra
    status = v.status if v.status in (NOT_ATTEMPTED, ERROR, TIMEOUT) else FAILED
    return ExerciseResult(ex, score, max_score, status, message, feedback, counts, notes, cells,
                          stage=v.stage, mistake=getattr(v, "mistake", "") or "", hidden=failing.hidden)
