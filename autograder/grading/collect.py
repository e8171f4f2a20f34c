"""From the command line's PATHs to submissions: (student, assignment, notebook, bytes).

A PATH is
- a notebook (its assignment found from its metadata, else from the grade_ids of its nbgrader
  cells, else from its file name; its student from an nbgrader layout around it, else from its
  file name),
- a folder: an nbgrader `submitted/` tree (`submitted/<student>/<assignment>/<nb>.ipynb`), a
  student's folder in it, or any folder of notebooks,
- a zip downloaded from an LMS. Student ids come from the archive's folders when it holds an
  nbgrader-like tree, else from the file names, the way `nbgrader zip_collect` reads them: the
  course's `FileNameCollectorPlugin.named_regexp` when nbgrader_config.py sets one, else the
  usual LMS patterns (nbgrader's own example, Canvas, Moodle, `<student>_<file>`).

A notebook that lost its metadata (a Colab "Copy of ..." file, answers pasted into a new
notebook) is matched to the assignment whose exercises its cells define.

Several attempts of one student's notebook (Canvas names resubmissions `<file>-1`, `<file>-2`;
nbgrader's pattern carries a timestamp): the latest is graded, whatever the order of the
archive's members or of the PATHs, and its notes say which attempt counted and which were
superseded. Latest means: the later timestamp, else the higher attempt number, else the later
modification time in the archive, else the later in the order given.
"""
from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .course import Course
from .submission import Submission

# nbgrader's documented example, then Canvas, then Moodle, then <student>_<file>.
DEFAULT_PATTERNS = (
    r".*_(?P<student_id>\w+)_attempt_(?P<timestamp>[0-9\-]+)_(?P<file_id>\w+)",
    r"(?P<student_id>[^_]+)_(?:late_|LATE_)?(?:\d+_)+?(?P<file_id>.+)",
    r"(?P<student_id>.+?)_\d+_assignsubmission_file_(?P<file_id>.+)",
    r"(?P<student_id>[^_]+)_(?P<file_id>.+)",
)
MAX_NOTEBOOK = 64 << 20


@dataclass
class Problem:
    """A PATH (or a member of it) that could not be turned into a submission."""

    source: str
    message: str


@dataclass
class _Found:
    """A submission and what orders it among the attempts of the same notebook."""

    sub: Submission
    attempt: int  # Canvas's -N suffix (0: none)
    when: tuple  # (timestamp from the name, modification time in the archive); () if unknown
    order: int  # position in the order given


def collect(paths: list[str], course: Course) -> tuple[list[Submission], list[Problem]]:
    found: list[_Found] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.append(Problem(raw, "no such file or folder"))
        elif path.is_dir():
            _from_folder(path, course, found, problems)
        elif zipfile.is_zipfile(path):
            _from_zip(path, course, found, problems)
        else:
            _add(found, problems, course, path.read_bytes(), str(path), path)
    return latest_attempts(found), problems


def latest_attempts(found: list[_Found]) -> list[Submission]:
    """One submission per (student, assignment, notebook): the latest attempt, with a note naming
    the attempts it superseded."""
    groups: dict[tuple, list[_Found]] = {}
    for f in found:
        groups.setdefault(f.sub.key, []).append(f)
    out = []
    for group in groups.values():
        ranked = sorted(group, key=lambda f: (f.when[:1], f.attempt, f.when[1:], f.order))
        best = ranked[-1]
        if len(ranked) > 1:
            older = ranked[:-1][::-1]
            best.sub.notes.append(
                f"{len(ranked)} attempts of this notebook were submitted: graded the latest, {_describe(best)}; "
                f"superseded: " + "; ".join(_describe(f) for f in older))
        out.append(best.sub)
    return out


def _describe(f: _Found) -> str:
    bits = [f"attempt {f.attempt}" if f.attempt else "", f"submitted {f.sub.timestamp}" if f.sub.timestamp else ""]
    extra = ", ".join(b for b in bits if b)
    return f"{f.sub.source}" + (f" ({extra})" if extra else "")


def _from_folder(folder: Path, course: Course, found, problems) -> None:
    notebooks = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not notebooks:
        problems.append(Problem(str(folder), "no notebooks in this folder"))
    for nb in notebooks:
        _add(found, problems, course, nb.read_bytes(), str(nb), nb, modified=(nb.stat().st_mtime,))


def _from_zip(archive: Path, course: Course, found, problems) -> None:
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            name = info.filename
            if info.is_dir() or not name.endswith(".ipynb") or "__MACOSX" in name or ".ipynb_checkpoints" in name:
                continue
            where = f"{archive}!{name}"
            if info.file_size > MAX_NOTEBOOK:
                problems.append(Problem(where, f"larger than {MAX_NOTEBOOK >> 20} MB"))
                continue
            _add(found, problems, course, z.read(info), where, Path(name), in_archive=True, modified=info.date_time)


def _add(found, problems, course: Course, data: bytes, source: str, path: Path, in_archive: bool = False,
         modified: tuple = ()) -> None:
    assignment = _assignment(data, path, course)
    student, notebook, timestamp = _student(path, assignment, course, in_archive)
    if assignment is None:
        problems.append(Problem(source, "cannot tell which assignment this notebook is (known: "
                                + ", ".join(course.assignments) + ")"))
        return
    if student is None:
        problems.append(Problem(source, "cannot tell whose notebook this is from its name or folder"))
        return
    sub = Submission(safe_id(student), assignment, _official_name(course, assignment, notebook), source, data,
                     timestamp=timestamp)
    found.append(_Found(sub, _attempt(notebook, path.stem), (timestamp or "", tuple(modified)), len(found)))


def _attempt(file_id: str | None, stem: str) -> int:
    """The attempt number an LMS put into a file name: Canvas's `01_tensors-2`, a browser's
    `01_tensors (2)`; 0 when there is none."""
    for text in (file_id or "", stem):
        m = re.search(r"(?:-|\s\()(\d{1,3})\)?$", text)
        if m:
            return int(m.group(1))
    return 0


def safe_id(name: str) -> str:
    """A student id or notebook name that is safe as a path component (nbgrader makes folders of
    them): names come from file names in an archive, which anyone could have chosen."""
    name = re.sub(r"[^\w.@ +-]+", "_", name).strip(" .")
    return name or "unnamed"


def _assignment(data: bytes, path: Path, course: Course) -> str | None:
    assignments = course.assignments
    nb = None
    try:
        nb = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        pass
    if isinstance(nb, dict):
        meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
        for key in ("autograder", "nbgrader"):
            a = meta.get(key, {}).get("assignment") if isinstance(meta.get(key), dict) else None
            if a in assignments:
                return a
        ids = set()
        for cell in nb.get("cells", []) if isinstance(nb.get("cells"), list) else []:
            gid = ((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id") if isinstance(cell, dict) else None
            if isinstance(gid, str):
                ids.add(gid)
        ids.discard("setup")
        if ids:
            scores = {a: len(ids & g) for a, g in course.grade_ids().items()}
            best = max(scores.values(), default=0)
            winners = [a for a, n in scores.items() if n == best]
            if best and len(winners) == 1:
                return winners[0]
    for part in (path.stem, *[p for p in reversed(path.parts[:-1])]):
        hits = [a for a in assignments if a in part]
        if hits:
            return max(hits, key=len)
    if isinstance(nb, dict):  # no metadata, no telling name: what do its cells define?
        defined = set()
        for cell in nb.get("cells", []) if isinstance(nb.get("cells"), list) else []:
            source = cell.get("source", "") if isinstance(cell, dict) else ""
            source = "".join(source) if isinstance(source, list) else str(source)
            defined |= {a or b for a, b in _DEFINES.findall(source)}
        scores = {a: len(defined & names) for a, names in course.answer_names().items()}
        best = max(scores.values(), default=0)
        winners = [a for a, n in scores.items() if n == best]
        if best and len(winners) == 1:
            return winners[0]
    return assignments[0] if len(assignments) == 1 else None


def _student(path: Path, assignment: str | None, course: Course, in_archive: bool
             ) -> tuple[str | None, str | None, str | None]:
    """(student id, notebook name, timestamp from the name)."""
    parts = path.parts
    stem = _COPY_OF.sub("", path.stem).strip() or path.stem
    # nbgrader's layout: .../<student>/<assignment>/<notebook>.ipynb
    if assignment and len(parts) >= 3 and parts[-2] == assignment:
        return parts[-3], stem, None
    if in_archive and len(parts) >= 2 and parts[-2] not in ("submitted", "."):
        folder = re.sub(r"_\d+_assignsubmission_file_?$", "", parts[-2])  # Moodle's folders
        return folder, _notebook_name(stem, assignment), None
    configured = course.setting("FileNameCollectorPlugin", "named_regexp", None)
    patterns = ([configured] if configured else []) + (list(DEFAULT_PATTERNS) if in_archive else [])
    for pattern in patterns:
        m = re.match(pattern, stem)
        if m and m.groupdict().get("student_id"):
            file_id = m.groupdict().get("file_id") or stem
            return m.group("student_id"), _notebook_name(file_id, assignment), m.groupdict().get("timestamp")
    if assignment and stem == assignment and len(parts) >= 2:
        return parts[-2], stem, None
    if assignment and assignment in stem:
        rest = stem.replace(assignment, "").strip("_-. ")
        return (rest or stem), assignment, None
    return stem, assignment, None


_DEFINES = re.compile(r"^(?:def|class)\s+(\w+)|^(\w+)\s*=", re.M)  # top-level definitions
_COPY_OF = re.compile(r"(?i)(?:^|(?<=[\s_-]))copy of\s+")  # Colab's "Copy of 01_tensors.ipynb"


def _official_name(course: Course, assignment: str, parsed: str | None) -> str:
    """The notebook's name as nbgrader knows it: one of the assignment's official notebooks
    (an LMS renames uploads: `01_tensors-2.ipynb`, `homework.ipynb`)."""
    names = sorted(p.stem for p in (course.solutions / assignment).glob("*.ipynb"))
    if parsed in names:
        return parsed
    hits = [n for n in names if parsed and n in parsed]
    return max(hits, key=len) if hits else (names[0] if names else safe_id(parsed or assignment))


def _notebook_name(file_id: str, assignment: str | None) -> str | None:
    """`01_tensors-2` (an LMS's renaming of a second upload) is the notebook 01_tensors."""
    file_id = _COPY_OF.sub("", file_id).strip()
    if assignment and assignment in file_id:
        return assignment
    return file_id or assignment
