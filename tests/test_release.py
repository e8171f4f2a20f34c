"""`make release`: notebooks/ is exactly what nbgrader generates from solutions/, with no solution,
no hidden test and no output in it, and the Colab links carry the one repository setting.

The first group runs on the course's own assignments (and skips while solutions/ is empty); the
second on a small notebook written here, so that stamping and determinism are tested always."""
from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import release

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = release.assignments(ROOT)
NO_ASSIGNMENTS = [pytest.param(None, marks=pytest.mark.skip(reason="no assignments yet"))]
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def without_region(source: str, begin: str, end: str, replacement: list[str] | None) -> tuple[str, bool]:
    """`source` with each begin..end region replaced by `replacement` (indented like the begin
    line) or dropped (None); whether there was a region."""
    out, inside, found = [], False, False
    for line in source.split("\n"):
        if begin in line:
            inside = found = True
            indent = line[: len(line) - len(line.lstrip())]
            out += [indent + r for r in (replacement or [])]
        elif end in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out), found


def expected_student_source(cell, code_stub: str, text_stub: str) -> str:
    """What a source cell must become in the student notebook (written independently of nbgrader)."""
    stub = code_stub if cell.cell_type == "code" else text_stub
    source, had_solution = without_region(cell.source, BEGIN_SOLUTION, END_SOLUTION, stub.split("\n"))
    if nbgrader_meta(cell).get("solution") and not had_solution:
        source = stub  # a solution cell without markers is replaced whole
    source, _ = without_region(source, BEGIN_HIDDEN, END_HIDDEN, None)
    return source


def assert_is_student_version(source_nb, student_nb, root: Path = ROOT):
    """The student notebook: cell for cell the source with solutions stubbed, hidden tests
    removed, and no output."""
    config = release.nbgrader_config(root)
    code_stub, text_stub = config.ClearSolutions.code_stub["python"], config.ClearSolutions.text_stub
    text = nbformat.writes(student_nb)
    for marker in (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN):
        assert marker not in text, f"{marker} left in the student notebook"
    assert len(student_nb.cells) == len(source_nb.cells)
    solution_cells = 0
    for i, (src, out) in enumerate(zip(source_nb.cells, student_nb.cells)):
        where = f"cell {i} ({nbgrader_meta(src).get('grade_id') or src.cell_type})"
        assert out.cell_type == src.cell_type, where
        assert out.source == expected_student_source(src, code_stub, text_stub), f"{where}: unexpected source"
        if nbgrader_meta(src).get("solution"):
            solution_cells += 1
            assert out.source != src.source, f"{where}: the solution is still there"
        if out.cell_type == "code":
            assert out.outputs == [], f"{where}: has outputs"
            assert out.execution_count is None, f"{where}: has an execution count"
    return solution_cells


# ---- the course's own assignments -------------------------------------------------------------

@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """Every assignment generated afresh from solutions/ (nothing in the checkout is written)."""
    out = tmp_path_factory.mktemp("release")
    release.generate(ASSIGNMENTS, out, root=ROOT, db_url=None)
    return out


@pytest.mark.parametrize("assignment", ASSIGNMENTS or NO_ASSIGNMENTS)
def test_notebooks_are_exactly_what_release_generates(assignment, regenerated):
    drift = release.differences(regenerated / assignment, ROOT / release.RELEASE_DIR / assignment)
    assert not drift, ("notebooks/ has drifted from solutions/ (run `make release` and commit):\n  "
                       + "\n  ".join(drift))


@pytest.mark.parametrize("assignment", ASSIGNMENTS or NO_ASSIGNMENTS)
def test_sources_carry_the_course_repository(assignment):
    path = ROOT / release.SOURCE_DIR / assignment / f"{assignment}.ipynb"
    changes = release.stamp_file(path, assignment, release.course_settings(ROOT), write=False)
    assert changes == [], f"{path.name}: not stamped ({changes}); run `make release`"


@pytest.mark.parametrize("assignment", ASSIGNMENTS or NO_ASSIGNMENTS)
def test_released_notebooks_hold_no_solution_hidden_test_or_output(assignment):
    source = nbformat.read(ROOT / release.SOURCE_DIR / assignment / f"{assignment}.ipynb", as_version=4)
    released = ROOT / release.RELEASE_DIR / assignment / f"{assignment}.ipynb"
    assert released.is_file(), f"{released} is missing: run `make release`"
    student = nbformat.read(released, as_version=4)
    release.stamp(source, assignment, release.course_settings(ROOT))
    assert assert_is_student_version(source, student) >= 1, "no solution cell at all"


def test_every_released_folder_has_a_source():
    released = ROOT / release.RELEASE_DIR  # git keeps no empty folder: absent before a release
    folders = sorted(p.name for p in released.iterdir()
                     if p.is_dir() and not p.name.startswith(".")) if released.is_dir() else []
    assert set(folders) <= set(ASSIGNMENTS), f"notebooks/ without a source in solutions/: {set(folders) - set(ASSIGNMENTS)}"
    assert set(ASSIGNMENTS) <= set(folders), f"not released yet (make release): {set(ASSIGNMENTS) - set(folders)}"


# ---- a small course written here --------------------------------------------------------------

PLACEHOLDER_BADGE = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
                     "(https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/{id}/{id}.ipynb)")
SETUP = '''# Course setup.
import importlib.util
if importlib.util.find_spec("autograder") is None:
    %pip install --quiet "pytorch-course @ git+https://github.com/OWNER/REPO"

import torch
from autograder import check'''
SOLUTION = '''def pairwise_sq_dists(x, y):
    """(N, D), (M, D) -> (N, M)."""
    ### BEGIN SOLUTION
    diff = x[:, None, :] - y[None, :, :]
    return (diff ** 2).sum(-1)
    ### END SOLUTION'''
TEST = '''check("pairwise_sq_dists", pairwise_sq_dists)
### BEGIN HIDDEN TESTS
check("pairwise_sq_dists", pairwise_sq_dists, hidden=True)
### END HIDDEN TESTS'''


def meta(gid, *, solution=False, grade=False, locked=False, points=None):
    m = {"grade_id": gid, "solution": solution, "grade": grade, "locked": locked, "schema_version": 3}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


def small_notebook(assignment: str, badge: str | None = None, setup: str = SETUP):
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [
        new_markdown_cell((badge or PLACEHOLDER_BADGE).format(id=assignment) + "\n# A small notebook"),
        new_code_cell(setup, metadata=meta("setup", locked=True)),
        new_markdown_cell("### Exercise 1: `pairwise_sq_dists`"),
        new_code_cell(SOLUTION, metadata=meta("pairwise_sq_dists", solution=True)),
        new_code_cell(TEST, metadata=meta("test_pairwise_sq_dists", grade=True, locked=True, points=2)),
        new_markdown_cell("Explain broadcasting.\n### BEGIN SOLUTION\nIt stretches size-1 dims.\n### END SOLUTION",
                          metadata=meta("explain", solution=True, grade=True, points=1)),
        new_markdown_cell("Next: [02 in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/"
                          "notebooks/02_autograd/02_autograd.ipynb)"),
    ]
    for i, c in enumerate(nb.cells):
        c.id = f"cell-{i}"  # fixed ids: the source is byte-for-byte reproducible
    nb.cells[3].outputs = [nbformat.v4.new_output("stream", text="left over\n")]
    nb.cells[3].execution_count = 7
    return nb


@pytest.fixture
def course(tmp_path):
    """A checkout with two assignments and an extra file, in a temporary folder."""
    root = tmp_path / "course"
    root.mkdir()
    for name in ("pyproject.toml", "nbgrader_config.py"):
        shutil.copy(ROOT / name, root / name)
    (root / "autograder").mkdir()  # marks a checkout for autograder.paths
    for assignment in ("01_small", "02_small"):
        folder = root / "solutions" / assignment
        folder.mkdir(parents=True)
        nbformat.write(small_notebook(assignment), folder / f"{assignment}.ipynb")
    (root / "solutions" / "01_small" / "figure.txt").write_text("an extra file travels with the notebook\n")
    return root


def set_repository(root: Path, repository: str, branch: str = "main"):
    path = root / "pyproject.toml"
    text = re.sub(r'(?m)^repository = ".*"$', f'repository = "{repository}"', path.read_text())
    path.write_text(re.sub(r'(?m)^branch = ".*"$', f'branch = "{branch}"', text))


def read(root: Path, folder: str, assignment: str):
    return nbformat.read(root / folder / assignment / f"{assignment}.ipynb", as_version=4)


def test_release_writes_the_student_notebooks(course):
    report = release.release(root=course, db_url=None)
    assert sorted(report.written) == ["notebooks/01_small/01_small.ipynb", "notebooks/01_small/figure.txt",
                                      "notebooks/02_small/02_small.ipynb"]
    for assignment in ("01_small", "02_small"):
        source, student = read(course, "solutions", assignment), read(course, "notebooks", assignment)
        assert assert_is_student_version(source, student, course) == 2
        stub = student.cells[3].source.split("\n")
        assert stub[:2] == ["def pairwise_sq_dists(x, y):", '    """(N, D), (M, D) -> (N, M)."""']
        assert stub[2:] == ["    # YOUR CODE HERE", "    raise NotImplementedError()"]
        assert student.cells[4].source == 'check("pairwise_sq_dists", pairwise_sq_dists)'
        assert student.cells[5].source == "Explain broadcasting.\nYOUR ANSWER HERE"
        assert student.cells[1].metadata.get("editable") is False  # locked cells stay locked
    assert (course / "notebooks" / "01_small" / "figure.txt").is_file()


def test_release_stamps_the_repository_in_source_and_release(course):
    release.release(root=course, db_url=None)
    badge = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
             "(https://colab.research.google.com/github/pytorch-course/pytorch-course/blob/main/"
             "notebooks/01_small/01_small.ipynb)")
    install = '%pip install --quiet "pytorch-course @ git+https://github.com/pytorch-course/pytorch-course@main"'
    for folder in ("solutions", "notebooks"):
        nb = read(course, folder, "01_small")
        assert nb.cells[0].source.split("\n")[0] == badge, folder
        assert install in nb.cells[1].source, folder
        assert ("https://colab.research.google.com/github/pytorch-course/pytorch-course/blob/main/"
                "notebooks/02_autograd/02_autograd.ipynb") in nb.cells[6].source, folder  # its own path kept
        assert "OWNER/REPO" not in nbformat.writes(nb), folder


def test_a_fork_is_one_setting(course):
    release.release(root=course, db_url=None)
    set_repository(course, "https://github.com/someone/my-course", branch="spring")
    report = release.release(root=course, db_url=None)
    assert set(report.stamped) == {"solutions/01_small/01_small.ipynb", "solutions/02_small/02_small.ipynb"}
    for folder in ("solutions", "notebooks"):
        text = (course / folder / "02_small" / "02_small.ipynb").read_text()
        assert "pytorch-course/pytorch-course" not in text
        assert ("colab.research.google.com/github/someone/my-course/blob/spring/notebooks/02_small/02_small.ipynb"
                in text)
        assert "git+https://github.com/someone/my-course@spring" in text


def test_release_is_deterministic(course, tmp_path):
    release.release(root=course, db_url=None)
    sources = {p: p.read_bytes() for p in (course / "solutions").rglob("*.ipynb")}
    first = tmp_path / "first"
    second = tmp_path / "second"
    release.generate(["01_small", "02_small"], first, root=course)
    release.generate(["01_small", "02_small"], second, root=course)
    for assignment in ("01_small", "02_small"):
        assert release.differences(first / assignment, second / assignment) == []
        assert release.differences(first / assignment, course / "notebooks" / assignment) == []
    again = release.release(root=course, db_url=None)
    assert again.written == [] and again.stamped == {}  # a second release changes nothing
    assert sources == {p: p.read_bytes() for p in (course / "solutions").rglob("*.ipynb")}


def test_check_reports_drift_and_changes_nothing(course):
    release.release(root=course, db_url=None)
    student = course / "notebooks" / "01_small" / "01_small.ipynb"
    student.write_text(student.read_text().replace("raise NotImplementedError()", "return x @ y.T"))
    edited = student.read_bytes()
    (course / "notebooks" / "01_small" / ".ipynb_checkpoints").mkdir()  # Jupyter's: not drift
    (course / "notebooks" / "01_small" / ".ipynb_checkpoints" / "01_small-checkpoint.ipynb").write_text("{}")
    report = release.release(root=course, check=True)
    assert report.drift == ["notebooks/01_small/01_small.ipynb: differs from what release generates"]
    assert student.read_bytes() == edited
    release.release(root=course, db_url=None)
    assert release.release(root=course, check=True).drift == []
    assert (course / "notebooks" / "01_small" / ".ipynb_checkpoints").is_dir()  # left alone


def test_release_records_the_assignment_in_the_gradebook(course):
    db = course / "gradebook.db"
    release.release(root=course, db_url=f"sqlite:///{db}")
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}") as gb:
        assignment = gb.find_assignment("01_small")
        assert [nb.name for nb in assignment.notebooks] == ["01_small"]
        cells = {c.name for c in assignment.notebooks[0].grade_cells}
        assert cells == {"test_pairwise_sq_dists", "explain"}


def test_the_config_makes_solutions_the_source_and_notebooks_the_release():
    config = release.nbgrader_config(ROOT)
    assert config.CourseDirectory.root == str(ROOT)
    assert config.CourseDirectory.source_directory == "solutions"
    assert config.CourseDirectory.release_directory == "notebooks"
    assert config.CourseDirectory.db_url == f"sqlite:///{ROOT / 'gradebook.db'}"
    assert "raise NotImplementedError()" in config.ClearSolutions.code_stub["python"]


@pytest.mark.parametrize("problem", ["no badge", "badge not first", "no install line"])
def test_a_notebook_off_the_template_is_refused(course, problem):
    path = course / "solutions" / "02_small" / "02_small.ipynb"
    if problem == "no badge":
        nb = small_notebook("02_small", badge="# Title without a badge")
    elif problem == "badge not first":
        nb = small_notebook("02_small", badge="# Title\n" + PLACEHOLDER_BADGE)
    else:
        nb = small_notebook("02_small", setup="import torch\nfrom autograder import check")
    nbformat.write(nb, path)
    before = path.read_bytes()
    with pytest.raises(release.ReleaseError, match="badge" if "badge" in problem else "install line"):
        release.release(root=course, db_url=None)
    assert path.read_bytes() == before


def test_a_bad_repository_setting_is_refused(course):
    set_repository(course, "git@github.com:someone/course.git")
    with pytest.raises(release.ReleaseError, match="https://github.com/OWNER/REPO"):
        release.release(root=course, db_url=None)


def cli(root: Path, monkeypatch, *argv):
    monkeypatch.chdir(root)
    parser = argparse.ArgumentParser()
    release.add_arguments(parser)
    return release.run(parser.parse_args(list(argv)))


def test_the_command_line(course, monkeypatch, capsys):
    assert cli(course, monkeypatch, "--check") == 1
    assert "out of date" in capsys.readouterr().out
    assert cli(course, monkeypatch, "01_small") == 0
    out = capsys.readouterr().out
    assert "stamped solutions/01_small/01_small.ipynb" in out and "wrote notebooks/01_small/01_small.ipynb" in out
    assert not (course / "notebooks" / "02_small").exists()
    assert cli(course, monkeypatch) == 0
    assert cli(course, monkeypatch, "--check") == 0
    assert "up to date" in capsys.readouterr().out
    assert cli(course, monkeypatch, "03_missing") == 1
    assert "no assignment 03_missing" in capsys.readouterr().err


def test_the_command_line_with_no_assignments_yet(course, monkeypatch, capsys):
    shutil.rmtree(course / "solutions")
    (course / "solutions").mkdir()
    assert cli(course, monkeypatch) == 0
    assert "no assignments" in capsys.readouterr().out
