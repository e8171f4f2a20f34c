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


def collect(paths: list[str], course: Course) -> tuple[list[Submission], list[Problem]]:
    subs: list[Submission] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.append(Problem(raw, "no such file or folder"))
        elif path.is_dir():
            _from_folder(path, course, subs, problems)
        elif zipfile.is_zipfile(path):
            _from_zip(path, course, subs, problems)
        else:
            _add(subs, problems, course, path.read_bytes(), str(path), path)
    # One submission per (student, assignment, notebook): the last PATH given wins.
    unique = {}
    for s in subs:
        unique[s.key] = s
    return list(unique.values()), problems


def _from_folder(folder: Path, course: Course, subs, problems) -> None:
    notebooks = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not notebooks:
        problems.append(Problem(str(folder), "no notebooks in this folder"))
    for nb in notebooks:
        _add(subs, problems, course, nb.read_bytes(), str(nb), nb)


def _from_zip(archive: Path, course: Course, subs, problems) -> None:
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            name = info.filename
            if info.is_dir() or not name.endswith(".ipynb") or "__MACOSX" in name or ".ipynb_checkpoints" in name:
                continue
            where = f"{archive}!{name}"
            if info.file_size > MAX_NOTEBOOK:
                problems.append(Problem(where, f"larger than {MAX_NOTEBOOK >> 20} MB"))
                continue
            _add(subs, problems, course, z.read(info), where, Path(name), in_archive=True)


def _add(subs, problems, course: Course, data: bytes, source: str, path: Path, in_archive: bool = False) -> None:
    assignment = _assignment(data, path, course)
    student, notebook = _student(path, assignment, course, in_archive)
    if assignment is None:
        problems.append(Problem(source, "cannot tell which assignment this notebook is (known: "
                                + ", ".join(course.assignments) + ")"))
        return
    if student is None:
        problems.append(Problem(source, "cannot tell whose notebook this is from its name or folder"))
        return
    subs.append(Submission(safe_id(student), assignment, _official_name(course, assignment, notebook), source, data))


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
    return assignments[0] if len(assignments) == 1 else None


def _student(path: Path, assignment: str | None, course: Course, in_archive: bool) -> tuple[str | None, str | None]:
    """(student id, notebook name)."""
    parts = path.parts
    stem = path.stem
    # nbgrader's layout: .../<student>/<assignment>/<notebook>.ipynb
    if assignment and len(parts) >= 3 and parts[-2] == assignment:
        return parts[-3], stem
    if in_archive and len(parts) >= 2 and parts[-2] not in ("submitted", "."):
        folder = re.sub(r"_\d+_assignsubmission_file_?$", "", parts[-2])  # Moodle's folders
        return folder, _notebook_name(stem, assignment)
    configured = course.setting("FileNameCollectorPlugin", "named_regexp", None)
    patterns = ([configured] if configured else []) + (list(DEFAULT_PATTERNS) if in_archive else [])
    for pattern in patterns:
        m = re.match(pattern, stem)
        if m and m.groupdict().get("student_id"):
            file_id = m.groupdict().get("file_id") or stem
            return m.group("student_id"), _notebook_name(file_id, assignment)
    if assignment and stem == assignment and len(parts) >= 2:
        return parts[-2], stem
    if assignment and assignment in stem:
        rest = stem.replace(assignment, "").strip("_-. ")
        return (rest or stem), assignment
    return stem, assignment


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
    if assignment and assignment in file_id:
        return assignment
    return file_id or assignment
