"""A job for the sandboxed child: which cells to run, which check calls to observe, on which cases.

The grading process makes every check call's cases itself (visible: seed 0; hidden: the run's
seed), keeps them as the judge's pristine copies, and writes them once per run to a cases
file that the fork server loads (and checks against its digest) before it forks the child.
"""
from __future__ import annotations

import ast
import hashlib
import io
import json
import pickle
import threading
import types
from dataclasses import dataclass, field
from pathlib import Path

import torch

from .. import exercises
from ..checks.run import VISIBLE_SEED
from .restore import Plan, needed_demos, python_source
from .scan import scan


@dataclass
class Check:
    seq: int
    cell: int  # index of its test cell in the restored notebook
    grade_id: str  # of that test cell
    exercise: str  # whose test cell it is (the notebook's exercise)
    checked: str  # the exercise id the call checks against (normally the same)
    answer: tuple[str, ...]  # names of what is checked, in the student's namespace
    hidden: bool
    seed: int
    in_hidden_region: bool


@dataclass
class Job:
    plan: Plan
    checks: list[Check]
    flagged: dict[str, list[str]] = field(default_factory=dict)  # exercise -> static-scan hits
    skipped: set[int] = field(default_factory=set)  # cells never run (flagged, unneeded demos)

    def cells_for(self, skip: set[int], done: set[int]) -> list[dict]:
        """The job.json cells: `skip` are cells not to run, `done` check calls not to repeat."""
        out = []
        for c in self.plan.cells:
            if c.index in self.skipped or c.index in skip:
                out.append({"index": c.index, "kind": "skip"})
                continue
            if c.kind == "test":
                todo = [k.seq for k in self.checks if k.cell == c.index and k.seq not in done]
                out.append({"index": c.index, "kind": "test" if todo else "skip", "checks": todo})
            else:
                out.append({"index": c.index, "kind": "student" if c.kind == "student" else "official",
                            "source": c.source})
        return out


def build(plan: Plan, seed: int, *, all_cells: bool = False, static_scan: bool = True) -> Job:
    """The job of a restored notebook: its check calls, the cells the static scan flags (not run;
    each costs the exercises the cell belongs to, or is a note where it belongs to none), and the
    unchanged demo cells nobody needs (not run unless `all_cells`)."""
    checks: list[Check] = []
    flagged: dict[str, list[str]] = {}
    skipped: set[int] = set()
    for c in plan.cells:
        if c.kind == "student" and static_scan:
            hits = _scan(c)
            if hits:
                where = f"cell {c.grade_id}" if c.grade_id else f"a cell of yours ({c.where})"
                for owner in c.owners:
                    flagged.setdefault(owner, []).extend(f"{where}, {h.describe()}" for h in hits)
                if not c.owners:
                    plan.general.append(f"{c.where} was not run: it uses what graded code may not use ("
                                        + "; ".join(h.describe() for h in hits[:3]) + "); it defines no graded "
                                        "function, so no exercise lost points for it")
                skipped.add(c.index)
        elif c.kind == "skip":
            skipped.add(c.index)
        if c.kind == "test":
            for call in c.checks:
                checks.append(Check(len(checks), c.index, c.grade_id, c.owner, call.exercise, call.answer,
                                    call.hidden, seed if call.hidden else VISIBLE_SEED, call.in_hidden_region))
    if not all_cells:
        needed = needed_demos(plan.cells)
        skipped |= {c.index for c in plan.cells if c.kind == "demo" and c.index not in needed}
    return Job(plan, checks, flagged, skipped)


def _scan(cell) -> list:
    """The static scan's hits in what the student wrote: the course's own code in the cell (a
    copy of the setup cell) is blanked out first, unless what is left no longer parses."""
    if not cell.source.strip():
        return []
    text = cell.scan_source if cell.scan_source is not None else cell.source
    try:
        ast.parse(python_source(text))
    except (SyntaxError, ValueError):
        text = cell.source
    return scan(python_source(text))


def _attach_grad(tensor, grad):
    tensor.grad = grad
    return tensor


class _Pickler(pickle.Pickler):
    """torch.save leaves `.grad` out; the cases of an exercise like sgd_step_ need it."""

    def reducer_override(self, obj):
        if isinstance(obj, torch.Tensor) and obj.is_leaf and obj.grad is not None:
            if type(obj) is torch.nn.Parameter:
                bare = torch.nn.Parameter(obj.data, requires_grad=obj.requires_grad)
            else:
                bare = obj.detach().requires_grad_(obj.requires_grad)
            return (_attach_grad, (bare, obj.grad))
        return NotImplemented


_PICKLE = types.ModuleType("autograder_cases_pickle")
_PICKLE.__dict__.update({k: v for k, v in vars(pickle).items() if not k.startswith("__")})
_PICKLE.Pickler = _Pickler


def dump_cases(cases) -> bytes:
    """The cases as bytes, everything a deep copy keeps kept (storage sharing, .grad)."""
    buf = io.BytesIO()
    torch.save(cases, buf, pickle_module=_PICKLE)
    return buf.getvalue()


class CaseBank:
    """The cases of each (exercise, seed, hidden), made once per grading process: the judge's
    pristine copies, and a file for the fork servers."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._entries: dict[tuple, dict] = {}

    def get(self, exercise: str, seed: int, hidden: bool) -> dict:
        key = (exercise, int(seed), bool(hidden))
        with self._lock:
            if key not in self._entries:
                ex = exercises.get(exercise)
                cases = ex.make_cases(seed, hidden)
                data = dump_cases(cases)
                name = f"{exercise}-{seed}-{'hidden' if hidden else 'visible'}"
                path = self.folder / f"{name}.pt"
                path.write_bytes(data)
                self._entries[key] = {"cases": cases, "exercise": ex, "spec": {
                    "key": name, "path": str(path), "digest": hashlib.sha256(data).hexdigest(),
                    "exercise": exercise, "seed": int(seed), "hidden": bool(hidden)}}
            return self._entries[key]


def write(job: Job, folder: Path, bank: CaseBank, skip: set[int], done: set[int]) -> list[dict]:
    """Write job.json into `folder` (with scratch/ and obs/ beside it); returns the case specs."""
    (folder / "scratch").mkdir(parents=True, exist_ok=True)
    (folder / "obs").mkdir(exist_ok=True)
    specs = {}
    for k in job.checks:
        if k.seq not in done:
            entry = bank.get(k.checked, k.seed, k.hidden)
            specs[entry["spec"]["key"]] = entry["spec"]
    data = {"cells": job.cells_for(skip, done),
            "checks": [{"seq": k.seq, "exercise": k.checked, "answer": list(k.answer), "hidden": k.hidden, "seed": k.seed}
                       for k in job.checks if k.seq not in done]}
    (folder / "job.json").write_text(json.dumps(data))
    return list(specs.values())
