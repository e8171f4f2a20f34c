"""Grading one notebook: restore its official cells, run it in a sandboxed child, verify and
judge what the child observed, and put the verdicts together per exercise.

A child that dies (os._exit, a signal, the memory limit) or is killed for running too long
costs the exercise whose cell it was running; the notebook is then run again without that cell,
so that the other exercises are still graded (at most `max_attempts` runs).
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

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.student, self.assignment, self.notebook)


def read_notebook(data: bytes):
    nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    nbformat.validate(nb)
    return nb


def grade_notebook(sub: Submission, official: Official, options: Options, bank: jobs.CaseBank,
                   server, workdir: Path) -> NotebookResult:
    started = time.monotonic()
    result = NotebookResult(sub.student, sub.assignment, sub.notebook, sub.source, sub.digest, options.seed)
    try:
        nb = read_notebook(sub.data)
    except Exception as exc:
        why = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        result.status, result.error = "error", f"the notebook could not be read: {why}"
        result.exercises = [ExerciseResult(ex, 0.0, official.max_score(ex), ERROR, result.error, result.error)
                            for ex in official.exercises]
        result.seconds = time.monotonic() - started
        return result

    plan = restore(nb, official)
    job = jobs.build(plan, options.seed, all_cells=options.all_cells, static_scan=options.static_scan)
    owner = {c.index: c.owner for c in plan.cells}
    kinds = {c.index: c.kind for c in plan.cells}
    verdicts: dict[int, object] = {}  # check seq -> Verdict
    faults: dict[str, tuple[str, str]] = {}  # exercise -> (status, why)
    penalties: dict[str, list[str]] = {}
    cell_errors: dict[int, dict] = {}
    skip: set[int] = set()
    general = list(plan.general)
    last_exit = "the notebook's run ended early"

    for attempt in range(options.max_attempts):
        result.attempts = attempt + 1
        done = set(verdicts)
        if all(k.seq in done for k in job.checks):
            break
        key, nonce = secrets.token_bytes(32), secrets.token_bytes(16)
        folder = Path(workdir) / f"job-{secrets.token_hex(8)}"  # never a name taken from a submission
        specs = jobs.write(job, folder, bank, skip, done)
        request = {"job": str(folder), "nonce": nonce.hex(), "cases": specs, "timeout": options.timeout,
                   "memory": options.memory, "cpu": options.cpu, "file_size": options.file_size,
                   "output_limit": options.output_limit, "isolate": options.isolate,
                   "private": list(options.private)}
        outcome = server.run(request, key, cell_timeout=options.timeout)
        last_exit = outcome.exit_description
        msgs, forged = messages(outcome.lines, key, nonce)
        if forged:
            general.append(f"{forged} line(s) on the grader's channel were not written by the grader (ignored)")
        current, finished = None, False
        for m in msgs:
            t = m.get("t")
            if t == "ready":
                result.isolation = [str(x) for x in m.get("isolation") or []]
            elif t == "start":
                current = m.get("cell")
            elif t == "end":
                cell = m.get("cell")
                current = None
                if m.get("official") or kinds.get(cell) != "student":
                    continue
                ex = owner.get(cell)
                for v in m.get("violations") or []:
                    if v not in penalties.setdefault(ex, []):
                        penalties[ex].append(str(v))
                if m.get("status") == "timeout":
                    faults.setdefault(ex, (TIMEOUT, f"cell {cell + 1} ran longer than {options.timeout:g} s"))
                if isinstance(m.get("error"), dict):
                    cell_errors[cell] = m["error"]
            elif t == "done":
                finished = True
        obs = folder / "obs"
        for k in job.checks:
            if k.seq in done:
                continue
            path = obs / f"{k.seq}.obs"
            if not path.exists():
                continue
            entry = bank.get(k.checked, k.seed, k.hidden)
            try:
                body = read_observation(path, key, nonce, k.seq)
            except BadObservation as exc:
                verdicts[k.seq] = Verdict(k.checked, ERROR, f"{k.checked}: {exc}", stage="integrity")
                continue
            verdicts[k.seq] = judge_observation(entry, body, k.hidden)
        _read_outputs(obs, result, {c.index: c.source for c in plan.cells})
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
        if finished:
            break
        # The child died or was killed: the cell it was running costs its owner, and is skipped next time.
        if current is None or current in skip:
            break
        skip.add(current)
        status = TIMEOUT if outcome.killed else ERROR
        why = f"cell {current + 1}: {outcome.exit_description}"
        faults.setdefault(owner.get(current), (status, why))
        if kinds.get(current) == "test":
            for k in job.checks:
                if k.cell == current and k.seq not in verdicts:
                    verdicts[k.seq] = Verdict(k.checked, status, f"{k.checked}: {why}", stage="raised")

    result.notes = general
    result.exercises = [_exercise(ex, official, job, verdicts, faults, penalties, plan, cell_errors, last_exit)
                        for ex in official.exercises]
    result.seconds = time.monotonic() - started
    return result


def _read_outputs(obs: Path, result: NotebookResult, sources: dict[int, str]) -> None:
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


def _exercise(ex, official: Official, job: jobs.Job, verdicts, faults, penalties, plan, cell_errors,
              last_exit) -> ExerciseResult:
    max_score = official.max_score(ex)
    checks = [k for k in job.checks if k.exercise == ex]
    notes = list(plan.notes.get(ex, []))
    counts = {"visible": [0, 0], "hidden": [0, 0]}

    def fail(status, message, feedback=None):
        return ExerciseResult(ex, 0.0, max_score, status, message, feedback or message, counts, notes,
                              {c.grade_id: {"passed": False, "points": c.points}
                               for c in official.test_cells if c.exercise == ex})

    if job.flagged.get(ex):
        msg = f"{ex}: not graded: the code of this exercise uses what graded code may not use\n" + \
            "\n".join("  " + h for h in job.flagged[ex])
        return fail(ERROR, msg)
    if penalties.get(ex):
        msg = f"{ex}: does not count: the grader's sandbox refused or undid something this exercise's code did\n" + \
            "\n".join("  " + p for p in penalties[ex][:10])
        return fail(ERROR, msg)
    if ex in faults:
        status, why = faults[ex]
        return fail(status, f"{ex}: {why}")
    missing = [k for k in checks if k.seq not in verdicts]
    if missing:
        return fail(ERROR, f"{ex}: could not be checked ({last_exit})")

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
        solution = next((c for c in plan.cells if c.grade_id == ex), None)
        err = cell_errors.get(solution.index) if solution else None
        if err:
            extra = f"\n  Its solution cell raised {err.get('ename')}: {str(err.get('evalue'))[:300]}"
            message, feedback = message + extra, feedback + extra
    status = v.status if v.status in (NOT_ATTEMPTED, ERROR, TIMEOUT) else FAILED
    return ExerciseResult(ex, score, max_score, status, message, feedback, counts, notes, cells)
