"""The official notebook of an assignment, and a student's notebook put back in order.

The grader never trusts a submission's locked cells: the setup cell and every test cell
(visible and hidden parts) are taken from solutions/<id>/<id>.ipynb by grade_id, whatever the
student did to theirs (edited, deleted, turned into markdown). The test cells are not run:
their `check("id", answer, ..., hidden=...)` calls are read from the official source (AST), and the
driver performs each observation itself.
"""
from __future__ import annotations

import ast
import hashlib
import symtable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

from .scan import dotted

HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"


class CourseError(Exception):
    """The official notebook breaks the conventions of docs/authoring.md."""


def python_source(source: str) -> str:
    """Cell source with IPython syntax (%magic, !cmd) turned into the Python it runs as."""
    return TransformerManager().transform_cell(source)


def source_key(source: str) -> str:
    """How a cell's outputs are found again by its source (gradebook.ApplyVerdicts)."""
    return hashlib.sha1(source.encode()).hexdigest()


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def strip_hidden(source: str) -> str:
    """The source as the student release shows it (nbgrader's ClearHiddenTests)."""
    out, inside = [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class CheckCall:
    """One `check("exercise", answer, ..., hidden=...)` call of an official test cell."""

    exercise: str
    answer: tuple[str, ...]  # the names (possibly dotted) of what is checked, in the student's namespace
    hidden: bool
    in_hidden_region: bool  # written between the hidden-test delimiters: never shown to students


@dataclass
class OfficialCell:
    index: int
    cell_type: str
    source: str
    grade_id: str | None
    role: str  # "setup", "solution", "test", "locked", "demo", "text"
    points: float = 0.0
    exercise: str | None = None  # for solution and test cells
    checks: list[CheckCall] = field(default_factory=list)


@dataclass
class Official:
    assignment: str
    path: Path
    cells: list[OfficialCell]
    digest: str  # of the official notebook: results graded against another version are stale

    @property
    def by_grade_id(self) -> dict[str, OfficialCell]:
        return {c.grade_id: c for c in self.cells if c.grade_id}

    @property
    def exercises(self) -> list[str]:
        """Exercise ids, in notebook order, of the solution cells that have tests."""
        tested = {c.exercise for c in self.cells if c.role == "test"}
        return [c.grade_id for c in self.cells if c.role == "solution" and c.grade_id in tested]

    @property
    def test_cells(self) -> list[OfficialCell]:
        return [c for c in self.cells if c.role == "test"]

    def max_score(self, exercise: str) -> float:
        return sum(c.points for c in self.test_cells if c.exercise == exercise)

    @property
    def demo_sources(self) -> set[str]:
        return {c.source for c in self.cells if c.role == "demo"}


def parse_checks(source: str, where: str) -> list[CheckCall]:
    """The check calls of a test cell, each a top-level `check("id", name, ..., hidden=bool)`."""
    region = _hidden_lines(source)
    try:
        tree = ast.parse(python_source(source))
    except SyntaxError as exc:
        raise CourseError(f"{where}: the test cell does not parse: {exc}") from None
    calls = []
    for stmt in tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        func = getattr(call, "func", None)
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if not isinstance(call, ast.Call) or name != "check":
            raise CourseError(f"{where}, line {stmt.lineno}: a test cell holds only check(...) calls")
        if len(call.args) < 2 or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
            raise CourseError(f"{where}, line {stmt.lineno}: expected check(\"exercise_id\", answer, ..., hidden=...)")
        answer = tuple(dotted(a) for a in call.args[1:])
        if None in answer:
            raise CourseError(f"{where}, line {stmt.lineno}: what is checked must be given by name")
        hidden = False
        for kw in call.keywords:
            if kw.arg != "hidden" or not isinstance(kw.value, ast.Constant) or not isinstance(kw.value.value, bool):
                raise CourseError(f"{where}, line {stmt.lineno}: the only keyword is hidden=True/False")
            hidden = kw.value.value
        calls.append(CheckCall(call.args[0].value, answer, hidden, stmt.lineno in region))
    if not calls:
        raise CourseError(f"{where}: a test cell without check(...) calls")
    return calls


def _hidden_lines(source: str) -> set[int]:
    lines, inside = set(), False
    for n, line in enumerate(source.split("\n"), start=1):
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
        elif inside:
            lines.add(n)
    return lines


def load_official_bytes(data: bytes, assignment: str, path: str = "<official>") -> Official:
    return load_official(Path(path), assignment, data)


def load_official(path: Path, assignment: str | None = None, data: bytes | None = None) -> Official:
    raw = Path(path).read_bytes() if data is None else data
    nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
    assignment = assignment or Path(path).stem
    solution_ids = [nbgrader_meta(c).get("grade_id") for c in nb.cells if nbgrader_meta(c).get("solution")]
    cells = []
    for i, c in enumerate(nb.cells):
        meta = nbgrader_meta(c)
        gid = meta.get("grade_id")
        if c.cell_type != "code":
            role = "locked" if gid and (meta.get("locked") or meta.get("grade")) else "text"
        elif gid == "setup":
            role = "setup"
        elif meta.get("solution"):
            role = "solution"
        elif meta.get("grade"):
            role = "test"
        elif gid and meta.get("locked"):
            role = "locked"
        else:
            role = "demo"
        cell = OfficialCell(i, c.cell_type, c.source, gid, role, float(meta.get("points", 0) or 0))
        if role == "solution":
            cell.exercise = gid
        elif role == "test":
            cell.checks = parse_checks(c.source, f"{path}, cell {gid}")
            owners = [s for s in solution_ids if gid == f"test_{s}" or gid.startswith(f"test_{s}_")]
            cell.exercise = max(owners, key=len) if owners else cell.checks[0].exercise
        cells.append(cell)
    return Official(assignment, Path(path), cells, hashlib.sha256(raw).hexdigest())


# ---- a student's notebook, restored ----------------------------------------------------------

@dataclass
class PlanCell:
    """One code cell as the grader runs it."""

    index: int  # position in the restored notebook
    source: str
    kind: str  # "student" (runs, scanned), "official" (runs: setup, locked), "demo" (official, may be skipped), "test"
    owner: str | None  # the exercise a fault in this cell costs
    grade_id: str | None = None
    checks: list[CheckCall] = field(default_factory=list)


@dataclass
class Plan:
    cells: list[PlanCell]  # code cells, in order
    notebook: object  # the restored notebook (nbformat), every cell in order
    notes: dict[str, list[str]]  # exercise -> what was restored or is missing
    general: list[str]  # notes that concern no single exercise


def restore(student_nb, official: Official) -> Plan:
    """Put the official locked cells back into `student_nb` (a copy), in place or where they
    were deleted, and say what was changed."""
    import copy

    official_by_id = official.by_grade_id
    seen: set[str] = set()
    notes: dict[str, list[str]] = {}
    general: list[str] = []
    out = []  # (official cell or None, nbformat cell)

    def note(ex, text):
        (notes.setdefault(ex, []) if ex else general).append(text)

    for cell in student_nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        off = official_by_id.get(gid) if gid else None
        if off is None or gid in seen:
            fresh = copy.deepcopy(cell)
            if gid:  # an unknown or duplicated id is an ordinary cell of the student's
                fresh.metadata.pop("nbgrader", None)
            out.append((None, fresh))
            continue
        seen.add(gid)
        if off.role == "solution":
            if cell.cell_type != "code":
                note(off.exercise, f"the solution cell {gid} was turned into {cell.cell_type}: graded as code")
            out.append((off, _official_cell(off, source=cell.source, metadata=cell.metadata)))
            continue
        if off.role in ("test", "setup", "locked"):
            shown = strip_hidden(off.source) if off.role == "test" else off.source
            if cell.cell_type != off.cell_type or cell.source.strip() != shown.strip():
                note(off.exercise, f"the {_what(off)} was edited; the official one was used")
        out.append((off, _official_cell(off)))

    # Official cells the student deleted go back after the official cell that preceded them.
    for off in official.cells:
        if not off.grade_id or off.grade_id in seen or off.role in ("demo", "text"):
            continue
        if off.role == "solution":
            note(off.exercise, f"the solution cell {off.grade_id} is missing from the notebook")
            continue
        note(off.exercise, f"the {_what(off)} was deleted; the official one was put back")
        pos = 0
        for k in range(off.index - 1, -1, -1):
            prev = official.cells[k].grade_id
            hits = [j for j, (o, _) in enumerate(out) if o is not None and o.grade_id == prev]
            if hits:
                pos = hits[0] + 1
                break
        out.insert(pos, (off, _official_cell(off)))
        seen.add(off.grade_id)

    nb = copy.deepcopy(student_nb)
    nb.cells = [c for _, c in out]
    demo_sources = official.demo_sources
    exercises = official.exercises
    cells: list[PlanCell] = []
    owner = exercises[0] if exercises else None  # cells before the first solution cell
    for index, (off, c) in enumerate(out):
        if c.cell_type != "code":
            continue
        if off is not None and off.role == "solution":
            owner = off.exercise
        if off is None:
            kind = "demo" if c.source in demo_sources else "student"
            cells.append(PlanCell(index, c.source, kind, owner))
        elif off.role == "test":
            cells.append(PlanCell(index, off.source, "test", off.exercise, off.grade_id, off.checks))
        elif off.role == "solution":
            cells.append(PlanCell(index, c.source, "student", off.exercise, off.grade_id))
        else:
            cells.append(PlanCell(index, off.source, "official", owner, off.grade_id))
    return Plan(cells, nb, notes, general)


def _what(off: OfficialCell) -> str:
    return {"test": f"test cell {off.grade_id}", "setup": "setup cell"}.get(off.role, f"locked cell {off.grade_id}")


def _official_cell(off: OfficialCell, source: str | None = None, metadata=None):
    import copy

    if off.cell_type == "code":
        cell = nbformat.v4.new_code_cell(source if source is not None else off.source)
    else:
        cell = nbformat.v4.new_markdown_cell(source if source is not None else off.source)
    if metadata is not None:
        cell.metadata = copy.deepcopy(metadata)
    meta = cell.metadata.setdefault("nbgrader", {})
    meta.update({"grade_id": off.grade_id, "schema_version": meta.get("schema_version", 3)})
    return cell


# ---- which unchanged demo cells a student's code needs ---------------------------------------

def needed_demos(cells: list[PlanCell]) -> set[int]:
    """Indices of the unchanged official demo cells that define a global name some student
    cell uses (and, transitively, the demos those depend on). The others are the course's own
    code and cannot change a verdict, since exercises depend only on the setup cell: skipping
    them saves most of a notebook's run time."""
    demos = [c for c in cells if c.kind == "demo"]
    defines = {c.index: _names(c.source)[0] for c in demos}
    uses = {c.index: _names(c.source)[1] for c in demos}
    wanted: set[str] = set()
    for c in cells:
        if c.kind == "student":
            wanted |= _names(c.source)[1]
    if "*" in wanted:
        return {c.index for c in demos}
    needed: set[int] = set()
    changed = True
    while changed:
        changed = False
        for c in demos:
            if c.index not in needed and defines[c.index] & wanted:
                needed.add(c.index)
                wanted |= uses[c.index]
                changed = True
                if "*" in wanted:
                    return {c.index for c in demos}
    return needed


def _names(source: str) -> tuple[set[str], set[str]]:
    """(global names a cell binds, global names it reads), from Python's own symbol tables; a
    cell that does not parse binds nothing and, to be safe, is taken to read everything."""
    try:
        top = symtable.symtable(python_source(source), "<cell>", "exec")
    except (SyntaxError, ValueError):
        return set(), {"*"}
    binds = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported() or s.is_namespace()}
    reads = {s.get_name() for s in top.get_symbols() if s.is_referenced()}
    stack = list(top.get_children())
    while stack:
        t = stack.pop()
        stack.extend(t.get_children())
        for s in t.get_symbols():
            if s.is_global() and s.is_referenced():
                reads.add(s.get_name())
            if s.is_declared_global() and s.is_assigned():
                binds.add(s.get_name())
    return binds, reads
