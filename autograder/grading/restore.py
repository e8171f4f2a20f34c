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
import re
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
    meta: dict = field(default_factory=dict)  # its nbgrader metadata in the official notebook


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
        cell = OfficialCell(i, c.cell_type, c.source, gid, role, float(meta.get("points", 0) or 0),
                            meta={k: v for k, v in meta.items() if k != "checksum"})
        if role == "solution":
            cell.exercise = gid
        elif role == "test":
            cell.checks = parse_checks(c.source, f"{path}, cell {gid}")
            owners = [s for s in solution_ids if gid == f"test_{s}" or gid.startswith(f"test_{s}_")]
            cell.exercise = max(owners, key=len) if owners else cell.checks[0].exercise
        cells.append(cell)
    return Official(assignment, Path(path), cells, hashlib.sha256(raw).hexdigest())


# ---- a student's notebook, restored ----------------------------------------------------------
#
# `restore` is a sequence of small steps over one `Restoring` state, the way nbgrader's converters
# are a sequence of preprocessors:
#
#   number_cells        the student's cells, numbered as the student sees them (1, 2, ...)
#   claim_by_metadata   which cells carry an official grade_id (copies and split halves too)
#   claim_by_content    for grade_ids no cell carries (metadata lost, a Colab copy, answers pasted
#                       into a fresh notebook): the setup and test cells by their source, the
#                       solution cells by what they define (`def pm_one_targets(`)
#   choose_setup        the first setup cell runs first; its copies are the course's code
#   choose_tests        each official test runs after the first cell that defines its answer
#   choose_solutions    copied and split solution cells run top to bottom, all owned by the exercise
#   neutralise          debugger, shell and %matplotlib leftovers in student code become no-ops
#   put_back            official cells the student deleted go back where they belong
#   make_plan           the code cells as the grader runs them, and the restored notebook

@dataclass
class PlanCell:
    """One code cell as the grader runs it."""

    index: int  # position in the restored notebook
    source: str
    kind: str  # "student" (runs, scanned), "official" (runs: setup, locked), "demo" (official, may be
    #            skipped), "test" (observed, never run), "skip" (a copy of a test cell: never run)
    owners: tuple[str, ...] = ()  # the exercises a fault in this cell costs; none: a note only
    grade_id: str | None = None
    checks: list[CheckCall] = field(default_factory=list)
    number: int | None = None  # its number in the student's notebook (1-based); None: put back by the grader
    scan_source: str | None = None  # what the static scan reads (the course's own code blanked out)

    @property
    def owner(self) -> str | None:
        return self.owners[0] if self.owners else None

    @property
    def where(self) -> str:
        """The cell as the student finds it in their notebook."""
        if self.number is not None:
            return f"cell {self.number}"
        return f"the official {'test cell ' + self.grade_id if self.kind == 'test' else 'cell'} (put back by the grader)"


@dataclass
class Plan:
    cells: list[PlanCell]  # code cells, in order
    notebook: object  # the restored notebook (nbformat), every cell in order
    notes: dict[str, list[str]]  # exercise -> what was restored or is missing
    general: list[str]  # notes that concern no single exercise


@dataclass(eq=False)  # cells are compared by identity: two copies of a cell are two cells
class _Cell:
    """A cell of the notebook being restored."""

    cell: object  # nbformat cell (a copy of the student's, or the official one put back)
    number: int | None  # in the student's notebook; None: put back
    official: OfficialCell | None = None  # the official role it plays
    copy_of: OfficialCell | None = None  # a further copy of an official setup, test or locked cell
    solution_of: set = field(default_factory=set)  # exercises whose solution cell this is (or a copy, a half)
    binds: set = field(default_factory=set)  # global names it binds
    source: str = ""  # what runs (student code after `neutralise`)
    neutralised: list = field(default_factory=list)

    @property
    def is_code(self) -> bool:
        return self.cell.cell_type == "code" or bool(self.solution_of)


@dataclass
class Restoring:
    official: Official
    student_nb: object
    cells: list[_Cell] = field(default_factory=list)
    claims: dict[str, list[_Cell]] = field(default_factory=dict)  # grade_id -> cells carrying it
    by_content: set = field(default_factory=set)  # grade_ids found by content
    notes: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    plan: Plan | None = None

    def note(self, exercise: str | None, text: str) -> None:
        where = self.notes.setdefault(exercise, []) if exercise else self.general
        if text not in where:
            where.append(text)

    def answer_names(self, exercise: str) -> set[str]:
        """The names an exercise's check calls look up (their first part: `model` of model.fit)."""
        return {name.split(".")[0] for c in self.official.test_cells if c.exercise == exercise
                for call in c.checks for name in call.answer}

    def position(self, cell: _Cell) -> int:
        return next(i for i, c in enumerate(self.cells) if c is cell)


def _norm(source: str) -> str:
    """A cell's source, compared without trailing spaces, blank lines or line-ending style."""
    lines = [ln.rstrip() for ln in source.replace("\r\n", "\n").split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _cells(numbers: list[int | None]) -> str:
    shown = [str(n) for n in numbers if n is not None]
    return ("cell " if len(shown) == 1 else "cells ") + ", ".join(shown) if shown else "a cell"


def number_cells(st: Restoring) -> None:
    import copy

    known = st.official.by_grade_id
    for n, cell in enumerate(st.student_nb.cells, start=1):
        c = _Cell(copy.deepcopy(cell), n, source=cell.source)
        gid = nbgrader_meta(cell).get("grade_id")
        if gid and gid not in known:  # an unknown id: an ordinary cell of the student's
            c.cell.metadata.pop("nbgrader", None)
        c.binds = _names(cell.source)[0] if cell.cell_type == "code" else set()
        st.cells.append(c)


def claim_by_metadata(st: Restoring) -> None:
    known = st.official.by_grade_id
    for c in st.cells:
        gid = nbgrader_meta(c.cell).get("grade_id")
        if gid in known:
            st.claims.setdefault(gid, []).append(c)


def claim_by_content(st: Restoring) -> None:
    """Cells that lost their metadata are recognised: the setup and test cells by their source (as
    released, or as the official notebook has them), solution cells by the names they define."""
    claimed = {id(c) for cs in st.claims.values() for c in cs}
    free = [c for c in st.cells if id(c) not in claimed]
    for off in st.official.cells:
        if not off.grade_id or off.grade_id in st.claims:
            continue
        if off.role == "solution":
            names = st.answer_names(off.exercise) or {off.exercise}
            hits = [c for c in free if c.cell.cell_type == "code" and c.binds & names]
        elif off.role in ("setup", "test", "locked"):
            forms = {_norm(off.source), _norm(strip_hidden(off.source))} - {""}
            hits = [c for c in free if c.cell.cell_type == off.cell_type and
                    (_norm(c.source) in forms or (off.role == "setup" and any(f in _norm(c.source) for f in forms)))]
        else:
            continue
        if hits:
            st.claims[off.grade_id] = hits
            st.by_content.add(off.grade_id)
            if off.role != "solution":
                claimed |= {id(c) for c in hits}
                free = [c for c in free if id(c) not in claimed]
    if st.by_content and not any(nbgrader_meta(c.cell).get("grade_id") in st.official.by_grade_id for c in st.cells):
        st.note(None, "the notebook had lost its nbgrader metadata (an editor that drops it, a copy saved "
                      "without it, or the answers pasted into a new notebook): its exercises were found by "
                      "what its cells define, and graded")
    else:
        for gid in sorted(st.by_content):
            off = st.official.by_grade_id[gid]
            if off.role == "solution":
                st.note(off.exercise, f"the solution cell {gid} had lost its nbgrader metadata: graded from "
                                      f"{_cells([c.number for c in st.claims[gid]])}, which define{'s' if len(st.claims[gid]) == 1 else ''} {gid}")
    for gid, cells in st.claims.items():
        off = st.official.by_grade_id[gid]
        if off.role == "solution":
            for c in cells:  # graded as code whatever its type: what it defines counts
                c.solution_of.add(off.exercise)
                c.binds = c.binds or _names(c.source)[0]


def choose_setup(st: Restoring) -> None:
    """The setup cell runs before any other code; further copies of it are the course's code."""
    for off in st.official.cells:
        if off.role not in ("setup", "locked") or off.grade_id not in st.claims:
            continue
        first, *copies = st.claims[off.grade_id]
        first.official = off
        _note_if_edited(st, first, off)
        for c in copies:
            c.copy_of = off
        if off.role == "setup":
            earlier = [c for c in st.cells[:st.position(first)] if c.is_code]
            if earlier:
                st.cells.remove(first)
                st.cells.insert(st.position(earlier[0]), first)
                st.note(None, f"the setup cell was below other code (cell {first.number}): it ran first, "
                              "as the notebook's setup")
        if copies:
            st.note(None, f"the {_what(off)} appears {len(copies) + 1} times ({_cells([c.number for c in [first, *copies]])}): "
                          "the copies ran as the course's code")


def _note_if_edited(st: Restoring, c: _Cell, off: OfficialCell) -> None:
    if c.cell.cell_type != off.cell_type:
        st.note(off.exercise, f"the {_what(off)} was turned into {c.cell.cell_type}; the official one was used")
        return
    shown = strip_hidden(off.source) if off.role == "test" else off.source
    if _norm(c.source) not in (_norm(shown), _norm(off.source)):
        st.note(off.exercise, f"the {_what(off)} was edited; the official one was used")


def choose_tests(st: Restoring) -> None:
    """Each official test runs after the first cell that defines what it checks (as the notebook
    runs top to bottom); a test cell above every definition is moved below the last one."""
    for off in st.official.test_cells:
        names = st.answer_names(off.exercise)
        definers = [c for c in st.cells if c.is_code and (off.exercise in c.solution_of or c.binds & names)]
        claimants = st.claims.get(off.grade_id, [])
        if not claimants:
            continue  # deleted: put back later
        first_def = st.position(definers[0]) if definers else -1
        after = [c for c in claimants if st.position(c) > first_def]
        if after:
            chosen = after[0]
        else:
            chosen = claimants[0]
            if definers:
                st.cells.remove(chosen)
                st.cells.insert(st.position(definers[-1]) + 1, chosen)
                st.note(off.exercise, f"the {_what(off)} (cell {chosen.number}) was above {_cells([d.number for d in definers])}, "
                                      f"which define{'s' if len(definers) == 1 else ''} what it checks: it ran after "
                                      f"cell {definers[-1].number}")
        chosen.official = off
        _note_if_edited(st, chosen, off)
        copies = [c for c in claimants if c is not chosen]
        for c in copies:
            c.copy_of = off
        if copies:
            st.note(off.exercise, f"the {_what(off)} appears {len(claimants)} times ({_cells([c.number for c in claimants])}): "
                                  f"the official test ran once, at cell {chosen.number}, after the solution; "
                                  "the copies were not run")


def choose_solutions(st: Restoring) -> None:
    """Every copy or half of a solution cell is the student's code for that exercise, and runs
    where it stands; the one the official test sees last carries the solution's metadata."""
    for off in st.official.cells:
        if off.role != "solution" or off.grade_id not in st.claims:
            continue
        claimants = st.claims[off.grade_id]
        test = next((c for c in st.cells if c.official is not None and c.official.role == "test"
                     and c.official.exercise == off.exercise), None)
        before = [c for c in claimants if test is None or st.position(c) < st.position(test)]
        (before or claimants)[-1].official = off
        if claimants[0].cell.cell_type != "code" and off.grade_id not in st.by_content:
            st.note(off.exercise, f"the solution cell {off.grade_id} was turned into {claimants[0].cell.cell_type}: "
                                  "graded as code")
        if len(claimants) > 1 and off.grade_id not in st.by_content:
            st.note(off.exercise, f"the solution cell {off.grade_id} appears {len(claimants)} times "
                                  f"({_cells([c.number for c in claimants])}: copied, or split in two): graded as the "
                                  "notebook runs, top to bottom, with the definition in force at the test")


# Leftovers of working in Jupyter that cannot run, or mean nothing, in a grader with no keyboard,
# no display and no shell. Each line becomes `pass` with the original in a comment.
_LEFTOVERS = (
    (re.compile(r"^(\s*)(%%?debug\b.*|%pdb\b.*)$"), "the debugger"),
    (re.compile(r"^(\s*)(breakpoint\(\s*\)|(?:i?pdb|IPython\.core\.debugger)\.set_trace\(.*\)|set_trace\(\s*\)|"
                r"import i?pdb\s*;\s*i?pdb\.set_trace\(.*\))\s*(?:#.*)?$"), "the debugger"),
    (re.compile(r"^(\s*)(!.*|%(?:pip|conda|mamba|sx|system)\b.*)$"), "a shell command"),
    (re.compile(r"^(\s*)(%matplotlib\b.*|%(?:load_ext|reload_ext|autoreload|aimport|gui|config|colors)\b.*)$"),
     "a notebook setting"),
)
_SHELL_CELL = re.compile(r"^\s*%%(?:bash|sh|script|system|sx|perl|ruby)\b")


def neutralise_source(source: str) -> tuple[str, list[tuple[str, str]]]:
    """(`source` with its leftovers turned into `pass`, [(what, the line)])."""
    if _SHELL_CELL.match(source):
        first = source.split("\n", 1)[0].strip()
        return "pass  # " + first + "  (a shell cell: not run while grading)", [("a shell cell", first)]
    lines, changed = source.split("\n"), []
    for k, line in enumerate(lines):
        for pattern, what in _LEFTOVERS:
            m = pattern.match(line)
            if m:
                lines[k] = f"{m.group(1)}pass  # {m.group(2).strip()}  (not run while grading)"
                changed.append((what, m.group(2).strip()))
                break
    return "\n".join(lines), changed


def _is_students(c: _Cell, demo_sources: set[str]) -> bool:
    """Runs as the student's code (a solution cell, or a cell the student added or edited)."""
    if not c.is_code:
        return False
    if c.official is not None:
        return c.official.role == "solution"
    if c.copy_of is not None:
        return c.copy_of.role != "test" and _norm(c.source) != _norm(c.copy_of.source)
    return bool(c.solution_of) or c.source not in demo_sources


def neutralise(st: Restoring) -> None:
    """Debugger calls, shell commands and notebook settings in student code become no-ops: the
    grader has no keyboard, no shell and no display, and a leftover is never a penalty."""
    demos = st.official.demo_sources
    for c in st.cells:
        if not _is_students(c, demos):
            continue
        c.source, changed = neutralise_source(c.source)
        if changed:
            c.neutralised = changed
            text = f"cell {c.number}: " + "; ".join(f"`{code[:60]}` ({what}) was not run" for what, code in changed) + \
                " (the grader has no keyboard, shell or display: never a penalty)"
            for ex in sorted(c.solution_of | _owned(st, c)) or [None]:
                st.note(ex, text)


def _owned(st: Restoring, c: _Cell) -> set[str]:
    """The exercises whose checked names a cell binds."""
    return {ex for ex in st.official.exercises if c.binds & (st.answer_names(ex) or {ex})}


def put_back(st: Restoring) -> None:
    """Official cells the student deleted go back: a test cell after the last cell that defines
    what it checks, any other after the official cell that precedes it."""
    present = {c.official.grade_id for c in st.cells if c.official is not None}
    for off in st.official.cells:
        if not off.grade_id or off.grade_id in present or off.role in ("demo", "text"):
            continue
        if off.role == "solution":
            st.note(off.exercise, f"the solution cell {off.grade_id} is missing from the notebook")
            continue
        lost = off.grade_id in st.claims or bool(st.by_content)
        st.note(off.exercise, f"the {_what(off)} {'is not in the notebook' if lost else 'was deleted'}; "
                              "the official one was put back")
        pos = 0
        if off.role == "test":
            names = st.answer_names(off.exercise)
            definers = [i for i, c in enumerate(st.cells) if c.is_code and (off.exercise in c.solution_of or c.binds & names)]
            pos = definers[-1] + 1 if definers else -1
        if off.role != "test" or pos < 0:
            pos = 0
            for k in range(off.index - 1, -1, -1):
                prev = st.official.cells[k].grade_id
                hits = [j for j, c in enumerate(st.cells) if c.official is not None and c.official.grade_id == prev]
                if hits:
                    pos = hits[0] + 1
                    break
        st.cells.insert(pos, _Cell(_official_cell(off), None, official=off, source=off.source))
        present.add(off.grade_id)


def make_plan(st: Restoring) -> None:
    import copy

    nb = copy.deepcopy(st.student_nb)
    nb.cells = []
    demo_sources = st.official.demo_sources
    official_code = [neutralise_source(o.source)[0] for o in st.official.cells
                     if o.role in ("setup", "locked") and o.cell_type == "code"]
    plan: list[PlanCell] = []
    for c in st.cells:
        off = c.official
        if off is not None and off.role == "solution":
            cell = _official_cell(off, source=c.source, metadata=c.cell.metadata)
        elif off is not None:
            cell = _official_cell(off)
        else:
            cell = c.cell
            cell.metadata.pop("nbgrader", None)
            if c.solution_of and cell.cell_type != "code":
                cell = nbformat.v4.new_code_cell(c.source)
            elif cell.cell_type == "code":
                cell.source = c.source  # what ran (leftovers neutralised): its outputs are found by it
        index = len(nb.cells)
        nb.cells.append(cell)
        if cell.cell_type != "code":
            continue
        if off is not None and off.role == "test":
            plan.append(PlanCell(index, off.source, "test", (off.exercise,), off.grade_id, off.checks, c.number))
        elif off is not None and off.role in ("setup", "locked"):
            plan.append(PlanCell(index, off.source, "official", (), off.grade_id, number=c.number))
        elif c.copy_of is not None and c.copy_of.role == "test":
            plan.append(PlanCell(index, c.source, "skip", (), number=c.number))
        elif not _is_students(c, demo_sources):
            kind = "official" if c.copy_of is not None else "demo"
            plan.append(PlanCell(index, c.copy_of.source if c.copy_of is not None else c.source, kind, (),
                                 number=c.number))
        else:
            owners = tuple(sorted(c.solution_of | _owned(st, c)))
            plan.append(PlanCell(index, c.source, "student", owners, off.grade_id if off is not None else None,
                                 number=c.number, scan_source=_blank_official(c.source, official_code)))
    st.plan = Plan(plan, nb, st.notes, st.general)


def _blank_official(source: str, official_code: list[str]) -> str | None:
    """`source` with every verbatim copy of the course's own code (the setup cell) turned into
    blank lines, so that the static scan reads only what the student wrote; None if there is none."""
    out = source
    for code in official_code:
        code = code.strip()
        if code and code in out:
            out = out.replace(code, "\n" * code.count("\n"))
    return out if out != source else None


STEPS = (number_cells, claim_by_metadata, claim_by_content, choose_setup, choose_tests, choose_solutions,
         neutralise, put_back, make_plan)


def restore(student_nb, official: Official) -> Plan:
    """Put the official locked cells back into `student_nb` (a copy), in place or where they
    were deleted, find what lost its metadata, and say what was changed."""
    st = Restoring(official, student_nb)
    for step in STEPS:
        step(st)
    return st.plan


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
    meta.update(copy.deepcopy(off.meta))  # the official flags (grade, locked, points): nbgrader checksums them
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
