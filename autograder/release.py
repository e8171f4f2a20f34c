"""`python -m autograder release`: the student notebooks, generated from the solutions.

One source: ``solutions/<id>/<id>.ipynb`` (solutions and hidden tests, nbgrader metadata) is the
only notebook anyone edits. ``release`` runs nbgrader's GenerateAssignment (its Python API, with
the settings of ``nbgrader_config.py``) for every assignment folder in ``solutions/`` and writes
``notebooks/<id>/`` (the solutions replaced by stubs, hidden tests removed, outputs cleared).

The Colab links. The repository is one setting, ``[tool.course]`` in ``pyproject.toml``
(``repository`` and ``branch``). Release stamps it, in the source notebook itself and so in the
student notebook generated from it, into

- the Colab badge on the first line of the first markdown cell, which always opens the *student*
  notebook ``notebooks/<id>/<id>.ipynb`` of that repository and branch (a self-learner who opens
  the solutions notebook gets the same badge: it leads to the exercise version);
- other Colab links to the course's notebooks anywhere in markdown (repository and branch only);
- the setup cell's install line, ``"pytorch-course @ git+https://github.com/OWNER/REPO@BRANCH"``.

Stamping the source too keeps the two notebooks identical outside the solutions and means a
change of repository (a fork) is one edit of pyproject.toml and one ``make release``. The source
is rewritten only when a link actually changes.

Release is deterministic: the same sources give byte-identical notebooks (tests/test_release.py
regenerates them and compares with ``notebooks/``). ``--check`` changes nothing and exits 1 when
``notebooks/`` or a source's links are not what release would write.
"""
from __future__ import annotations

import filecmp
import fnmatch
import logging
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import paths

HELP = "generate notebooks/<id>/ from solutions/<id>/ with nbgrader, stamping the Colab links"

SOURCE_DIR = "solutions"
RELEASE_DIR = "notebooks"
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_LINE = re.compile(r"^\[!\[Open In Colab\]\(" + re.escape(BADGE_IMAGE) + r"\)\]\((?P<url>[^)\s]*)\)")
COLAB_LINK = re.compile(r"https://colab\.research\.google\.com/github/[^/\s)\"'\]]+/[^/\s)\"'\]]+"
                        r"/blob/[^/\s)\"'\]]+/(?P<path>notebooks/[^\s)\"'\]]+?\.ipynb)")
INSTALL = re.compile(r"(?P<name>pytorch-course\s*@\s*)git\+https://github\.com/[^\s\"'\\]+")
GITHUB = re.compile(r"^https://github\.com/(?P<owner>[A-Za-z0-9_.-]+)/(?P<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
LEFTOVERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
IGNORED = (".ipynb_checkpoints", "__pycache__", "*.pyc", ".DS_Store")


class ReleaseError(RuntimeError):
    """A source notebook does not follow the template, or nbgrader failed (the message says)."""


# ---- the one setting --------------------------------------------------------------------------

@dataclass(frozen=True)
class Course:
    repository: str  # https://github.com/OWNER/REPO
    branch: str = "main"

    @property
    def owner_and_name(self) -> tuple[str, str]:
        m = GITHUB.match(self.repository)
        if not m:
            raise ReleaseError(f"[tool.course] repository = {self.repository!r} in pyproject.toml "
                               "is not of the form https://github.com/OWNER/REPO")
        return m["owner"], m["name"]

    def colab_url(self, notebook_path: str) -> str:
        owner, name = self.owner_and_name
        return f"https://colab.research.google.com/github/{owner}/{name}/blob/{self.branch}/{notebook_path}"

    def badge_url(self, assignment: str) -> str:
        return self.colab_url(f"{RELEASE_DIR}/{assignment}/{assignment}.ipynb")

    def badge_line(self, assignment: str) -> str:
        return f"[![Open In Colab]({BADGE_IMAGE})]({self.badge_url(assignment)})"

    @property
    def install_target(self) -> str:
        owner, name = self.owner_and_name
        return f"git+https://github.com/{owner}/{name}@{self.branch}"


def _load_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    with open(path, "rb") as f:
        return tomllib.load(f)


def course_settings(root: Path | None = None) -> Course:
    """[tool.course] of pyproject.toml: the repository (and branch) the Colab links point to."""
    root = root or paths.repo_root()
    table = _load_toml(root / "pyproject.toml").get("tool", {}).get("course", {})
    if "repository" not in table:
        raise ReleaseError("pyproject.toml has no [tool.course] repository = \"https://github.com/OWNER/REPO\"")
    course = Course(repository=str(table["repository"]), branch=str(table.get("branch", "main")))
    course.owner_and_name  # validates
    return course


# ---- stamping ---------------------------------------------------------------------------------

def stamp(nb, assignment: str, course: Course) -> list[str]:
    """Stamp the course's repository into notebook `nb` (in place); the changes, in words.

    Raises ReleaseError when the notebook lacks the badge on the first line of its first
    markdown cell or the install line in its setup cell (see docs/authoring.md)."""
    changes: list[str] = []
    where = f"{SOURCE_DIR}/{assignment}/{assignment}.ipynb"
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    if not markdown:
        raise ReleaseError(f"{where}: no markdown cell; the first one must start with the Colab badge")
    first = markdown[0]
    lines = first.source.split("\n")
    m = BADGE_LINE.match(lines[0])
    if not m:
        raise ReleaseError(f"{where}: the first line of the first markdown cell must be the Colab "
                           f"badge,\n  {course.badge_line(assignment)}\n  found: {lines[0][:120]!r}")
    if m["url"] != course.badge_url(assignment):
        lines[0] = course.badge_line(assignment) + lines[0][m.end():]
        first.source = "\n".join(lines)
        changes.append(f"badge -> {course.badge_url(assignment)}")

    for c in markdown:
        new = COLAB_LINK.sub(lambda m: course.colab_url(m["path"]), c.source)
        if new != c.source:
            c.source = new
            changes.append(f"Colab links -> {course.repository} ({course.branch})")

    found_install = False
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        if INSTALL.search(c.source):
            found_install = True
        new = INSTALL.sub(lambda m: m["name"] + course.install_target, c.source)
        if new != c.source:
            c.source = new
            changes.append(f"install line -> {course.install_target}")
    if not found_install:
        raise ReleaseError(f"{where}: no install line `%pip install --quiet \"pytorch-course @ "
                           f"git+https://github.com/OWNER/REPO\"` in the setup cell")
    return changes


def stamp_file(path: Path, assignment: str, course: Course, *, write: bool) -> list[str]:
    """Stamp a notebook file; with write, save it when something changed (nbformat's format)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    changes = stamp(nb, assignment, course)
    if changes and write:
        nbformat.write(nb, path)
    return changes


# ---- generating -------------------------------------------------------------------------------

def assignments(root: Path | None = None) -> list[str]:
    """The assignment folders of solutions/: <id>/<id>.ipynb."""
    source = (root or paths.repo_root()) / SOURCE_DIR
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if (p / f"{p.name}.ipynb").is_file())


def nbgrader_config(root: Path):
    """The traitlets Config of the repository's nbgrader_config.py."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def _logger() -> logging.Logger:
    log = logging.getLogger("autograder.release.nbgrader")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("[nbgrader] %(levelname)s: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    log.setLevel(logging.WARNING)
    return log


def _put_scripts_on_path() -> None:
    """nbgrader's gradebook runs the `alembic` script by name: put this environment's scripts
    folder on PATH (make runs .venv/bin/python without activating the venv)."""
    import os
    import sysconfig

    scripts = sysconfig.get_path("scripts")
    if scripts and scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])


def generate(names: list[str], dest: Path, *, root: Path | None = None, course: Course | None = None,
             db_url: str | None = None) -> dict[str, Path]:
    """Generate the student version of each assignment into dest/<id>/, from the stamped
    sources, without touching solutions/ or notebooks/. db_url: the gradebook nbgrader records
    the assignment in (None: none)."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    root = root or paths.repo_root()
    course = course or course_settings(root)
    dest = Path(dest)
    out = {}
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        stage = Path(tmp)
        for name in names:
            src = root / SOURCE_DIR / name
            if not (src / f"{name}.ipynb").is_file():
                raise ReleaseError(f"no source notebook {SOURCE_DIR}/{name}/{name}.ipynb")
            shutil.copytree(src, stage / "source" / name, ignore=shutil.ignore_patterns(*IGNORED))
            stamp_file(stage / "source" / name / f"{name}.ipynb", name, course, write=True)

        config = nbgrader_config(root)
        overrides = Config()
        overrides.CourseDirectory.root = str(stage)
        overrides.CourseDirectory.source_directory = "source"
        overrides.CourseDirectory.release_directory = "release"
        if db_url is None:
            overrides.CourseDirectory.db_url = f"sqlite:///{stage / 'unused.db'}"
            overrides.GenerateAssignment.no_database = True
            overrides.SaveCells.enabled = False
        else:
            overrides.CourseDirectory.db_url = db_url
        config.merge(overrides)

        log = _logger()
        for name in names:
            _put_scripts_on_path()
            coursedir = CourseDirectory(config=config, log=log)
            coursedir.assignment_id = name
            converter = GenerateAssignment(coursedir=coursedir, config=config, log=log)
            converter.force = True
            try:
                converter.start()
            except Exception as exc:
                raise ReleaseError(f"nbgrader could not generate {name} (see its log above): {exc}") from exc
            released = stage / "release" / name
            notebook = released / f"{name}.ipynb"
            if not notebook.is_file():
                raise ReleaseError(f"nbgrader wrote no {notebook.name} for {name}")
            text = notebook.read_text(encoding="utf-8")
            left = [w for w in LEFTOVERS if w in text]
            if left:
                raise ReleaseError(f"{name}: the generated notebook still contains {', '.join(left)}")
            target = dest / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(released, target)
            out[name] = target / f"{name}.ipynb"
    return out


def _files(folder: Path) -> set[Path]:
    """The files of a release folder, without Jupyter's checkpoints and caches."""
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()
            and not any(fnmatch.fnmatch(part, pat) for part in p.relative_to(folder).parts for pat in IGNORED)}


def differences(expected: Path, actual: Path) -> list[str]:
    """Files that differ between two release folders (relative paths, with what is wrong)."""
    problems = []
    exp, act = _files(expected), _files(actual)
    for rel in sorted(exp - act):
        problems.append(f"{rel}: missing")
    for rel in sorted(act - exp):
        problems.append(f"{rel}: not produced by release (stale?)")
    for rel in sorted(exp & act):
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False):
            problems.append(f"{rel}: differs from what release generates")
    return problems


@dataclass
class Report:
    stamped: dict[str, list[str]] = field(default_factory=dict)  # source -> changes
    written: list[str] = field(default_factory=list)  # release files written or removed
    drift: list[str] = field(default_factory=list)  # --check: what is out of date
    stale: list[str] = field(default_factory=list)  # notebooks/<x> with no source


def release(names: list[str] | None = None, *, root: Path | None = None, check: bool = False,
            db_url: str | None = "config") -> Report:
    """Stamp the sources and regenerate notebooks/<id>/ for `names` (default: all).
    check: change nothing, report what is out of date. db_url: "config" = nbgrader_config.py's
    gradebook (the default for a real release), None = no gradebook."""
    root = root or paths.repo_root()
    course = course_settings(root)
    known = assignments(root)
    names = list(names) if names else known
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ReleaseError(f"no assignment {', '.join(unknown)} in {SOURCE_DIR}/ (found: {', '.join(known) or 'none'})")
    report = Report()

    for name in names:
        path = root / SOURCE_DIR / name / f"{name}.ipynb"
        changes = stamp_file(path, name, course, write=not check)
        if changes:
            report.stamped[f"{SOURCE_DIR}/{name}/{name}.ipynb"] = changes
            if check:
                report.drift.append(f"{SOURCE_DIR}/{name}/{name}.ipynb: links not stamped ({'; '.join(changes)})")

    if db_url == "config":
        db_url = None if check else str(nbgrader_config(root).CourseDirectory.db_url)
    release_dir = root / RELEASE_DIR
    with tempfile.TemporaryDirectory(prefix="course-release-out-") as tmp:
        generate(names, Path(tmp), root=root, course=course, db_url=db_url)
        for name in names:
            new, old = Path(tmp) / name, release_dir / name
            diff = differences(new, old)
            if check:
                report.drift += [f"{RELEASE_DIR}/{name}/{d}" for d in diff]
                continue
            for d in diff:
                rel = d.split(":", 1)[0]
                target = old / rel
                if (new / rel).is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(new / rel, target)
                else:
                    target.unlink()
                report.written.append(f"{RELEASE_DIR}/{name}/{rel}")

    if release_dir.is_dir():
        report.stale = sorted(f"{RELEASE_DIR}/{p.name}" for p in release_dir.iterdir()
                              if p.is_dir() and not p.name.startswith(".") and p.name not in known)
    return report


# ---- `python -m autograder release` -----------------------------------------------------------

def add_arguments(parser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ID",
                        help="assignment ids (default: every folder of solutions/)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if notebooks/ or the sources' Colab links "
                             "are not what release would write")


def run(args) -> int:
    try:
        root = paths.repo_root()
        if not assignments(root):
            print(f"no assignments in {root / SOURCE_DIR} yet: nothing to release")
            return 0
        report = release(args.assignments, root=root, check=args.check)
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    course = course_settings(root)
    for source, changes in report.stamped.items():
        if not args.check:
            print(f"stamped {source}: {'; '.join(changes)}")
    for stale in report.stale:
        print(f"warning: {stale} has no source in {SOURCE_DIR}/ (remove it, or restore its source)")
    if args.check:
        for d in report.drift:
            print(f"out of date: {d}")
        if report.drift or report.stale:
            print("run `make release` (python -m autograder release) and commit the result")
            return 1
        print(f"notebooks/ is up to date with solutions/ (Colab links: {course.repository}, {course.branch})")
        return 0
    for w in report.written:
        print(f"wrote {w}")
    if not report.written:
        print("notebooks/ was already up to date")
    print(f"released {', '.join(args.assignments or assignments(root))} "
          f"(Colab links: {course.repository}, branch {course.branch})")
    return 0
