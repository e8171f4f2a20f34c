"""Helpers for the grader's tests: the fixture course, student notebooks, the command line."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "course"
ASSIGNMENT = "fixture_tensors"
PACKAGE = ROOT / "autograder"


def official(course: Path = FIXTURE, assignment: str = ASSIGNMENT):
    return nbformat.read(course / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)


def course_with(dst: Path, assignment: str) -> Path:
    """A course folder holding one of the course's official notebooks (nbgrader's settings from
    the fixture course)."""
    (dst / "solutions" / assignment).mkdir(parents=True)
    shutil.copy(FIXTURE / "nbgrader_config.py", dst / "nbgrader_config.py")
    shutil.copy(ROOT / "solutions" / assignment / f"{assignment}.ipynb", dst / "solutions" / assignment)
    return dst


def copy_course(dst: Path, src: Path = FIXTURE) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded", "grading"))
    return dst


def header(text: str, key: str) -> str | None:
    m = re.search(rf"^# {key}: *(.+)$", text, re.M)
    return m.group(1).strip() if m else None


def grade(*args: str, cwd: Path | None = None, timeout: float = 900, env: dict | None = None,
          check: bool = True) -> subprocess.CompletedProcess:
    """`python -m autograder grade ARGS` in a subprocess."""
    full_env = dict(os.environ, **(env or {}))
    full_env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + full_env.get("PATH", "")
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode not in (0, 1):
        raise AssertionError(f"grade {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-4000:]}")
    return proc


def grade_json(*args: str, **kwargs) -> list[dict]:
    proc = grade("--json", *args, **kwargs)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        raise AssertionError(f"not JSON:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}") from None


def tree_digest(*folders: Path) -> dict[str, str]:
    out = {}
    for folder in folders:
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for p in files:
            if "__pycache__" not in p.parts:
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def by_student(rows: list[dict]) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    for r in rows:
        out.setdefault(r["student"], {})[r["exercise"]] = r
    return out


# ---- damaged submissions of 01_tensors ------------------------------------------------------------
# Each kind of damage instructors report (nbgrader's and other graders' issue trackers), applied to
# the released notebook with the official solutions pasted in: every one of them holds the right
# answers, so a careful instructor expects full marks (and, where the notebook was changed, a note).

RELEASED = ROOT / "notebooks" / "01_tensors" / "01_tensors.ipynb"
EXERCISES_01 = {"pm_one_targets": 1, "as_image_batch": 1, "flatten_batch": 1, "pairwise_sq_dists": 2,
                "standardize_channels": 2, "to_device": 2}


def _gid(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if _gid(c) == grade_id)


def _copy(cell, **changes):
    import copy as _copy_module

    new = _copy_module.deepcopy(cell)
    new["id"] = changes.pop("id", None) or hashlib.sha1(json.dumps(new, sort_keys=True).encode()
                                                        + os.urandom(4)).hexdigest()[:12]
    for k, v in changes.items():
        new[k] = v
    return new


def answered_01():
    """The released 01_tensors with the official solutions pasted into its solution cells."""
    from autograder.grading.demo import solutions_of, with_cells

    released = nbformat.read(RELEASED, as_version=4)
    solutions = solutions_of(nbformat.read(ROOT / "solutions" / "01_tensors" / "01_tensors.ipynb", as_version=4))
    return with_cells(released, solutions)


def _code(source: str):
    cell = nbformat.v4.new_code_cell(source)
    return cell


def _strip_metadata(nb):
    for c in nb.cells:
        c.metadata = {}
    return nb


class Damage:
    """One damaged submission: the file's name and bytes, the points expected per exercise, and
    words the grader's notes must contain."""

    def __init__(self, name: str, data: bytes, scores: dict | None = None, notes: tuple[str, ...] = (),
                 filename: str | None = None):
        self.name, self.data = name, data
        self.scores = {**EXERCISES_01, **(scores or {})}
        self.notes, self.filename = notes, filename or f"{name}_01_tensors.ipynb"


def damaged_01() -> list[Damage]:
    """Every kind of damage, built from the release: see the issue "Grading real submissions"."""
    from autograder.grading.demo import dumps

    def nb_():
        return answered_01()

    out: list[Damage] = []

    def add(name, nb, scores=None, notes=(), filename=None, raw=None):
        out.append(Damage(name, raw if raw is not None else dumps(nb), scores, notes, filename))

    # A test cell copied above its solution cell (the first copy carries the grade_id).
    nb = nb_()
    i = _index(nb, "test_pm_one_targets")
    nb.cells.insert(_index(nb, "pm_one_targets"), _copy(nb.cells[i]))
    add("copiedtest", nb, notes=("test_pm_one_targets",))

    # A solution cell duplicated: the stub first, the answer in the later copy.
    nb = nb_()
    stub = nbformat.read(RELEASED, as_version=4).cells[_index(nb, "as_image_batch")]
    nb.cells.insert(_index(nb, "as_image_batch"), _copy(stub))
    add("duplicated", nb, notes=("as_image_batch",))

    # A solution cell split in two (JupyterLab copies the metadata to both halves).
    nb = nb_()
    i = _index(nb, "pairwise_sq_dists")
    first = nb.cells[i]
    helper, main = "def _diff(x, y):\n    return x[:, None, :] - y[None, :, :]\n", \
        "def pairwise_sq_dists(x, y):\n    d = _diff(x, y)\n    return (d * d).sum(dim=-1)\n"
    first.source = helper
    nb.cells.insert(i + 1, _copy(first, source=main))
    add("split", nb, notes=("pairwise_sq_dists",))

    # The setup cell duplicated further down, and moved below the first exercise.
    nb = nb_()
    setup = nb.cells[_index(nb, "setup")]
    nb.cells.insert(_index(nb, "flatten_batch"), _copy(setup))
    add("setuptwice", nb)
    nb = nb_()
    setup = nb.cells.pop(_index(nb, "setup"))
    nb.cells.insert(_index(nb, "test_pm_one_targets") + 1, setup)
    add("setupmoved", nb, notes=("setup",))

    # No nbgrader metadata at all (an editor that drops cell metadata).
    add("nometadata", _strip_metadata(nb_()), notes=("metadata",))

    # A Colab "Copy of ..." file saved without the nbgrader metadata, with Colab's own.
    nb = _strip_metadata(nb_())
    nb.metadata = {"colab": {"provenance": [], "name": "Copy of 01_tensors.ipynb"},
                   "kernelspec": {"name": "python3", "display_name": "Python 3"}}
    for c in nb.cells:
        c.metadata = {"id": c.get("id", "x")}
        if c.cell_type == "code":
            c.metadata["colab"] = {"base_uri": "https://localhost:8080/"}
            c.execution_count = 3
    add("colab", nb, notes=("metadata",), filename="colab_Copy of 01_tensors.ipynb")

    # The answers pasted into a fresh notebook: only the setup cell and the six solution cells.
    from autograder.grading.demo import solutions_of

    sols = solutions_of(nbformat.read(ROOT / "solutions" / "01_tensors" / "01_tensors.ipynb", as_version=4))
    fresh = nbformat.v4.new_notebook()
    fresh.cells = [_code(nb_().cells[_index(nb_(), "setup")].source)] + [_code(s) for s in sols.values()]
    add("fresh", fresh, notes=("metadata",), filename="fresh_homework.ipynb")

    # Debugger leftovers: %debug after an error, breakpoint() after a def.
    nb = nb_()
    i = _index(nb, "flatten_batch")
    nb.cells[i].source += "\n\nbreakpoint()\n"
    j = _index(nb, "test_pm_one_targets") + 1
    nb.cells.insert(j, _code("pm_one_targets(torch.tensor([1, 2]), 2)   # raises: label 2 >= 2 classes"))
    nb.cells.insert(j + 1, _code("%debug"))
    add("debugger", nb, notes=("breakpoint",))

    # Ordinary habits in cells the student added: seeding, printing a traceback, %matplotlib, pip.
    nb = nb_()
    i = _index(nb, "pm_one_targets")
    nb.cells.insert(i, _code("torch.manual_seed(0)\nx = torch.randn(3)"))
    nb.cells.insert(i, _code("%matplotlib inline\nimport traceback\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n"
                             "    traceback.print_exc()"))
    nb.cells[_index(nb, "to_device")].source = "torch.manual_seed(1)\n" + nb.cells[_index(nb, "to_device")].source
    add("habits", nb)

    nb = nb_()
    nb.cells.insert(_index(nb, "as_image_batch"), _code("!pip install torch\n%pip install numpy"))
    nb.cells[_index(nb, "standardize_channels")].source = \
        "!nvidia-smi\n" + nb.cells[_index(nb, "standardize_channels")].source
    add("shell", nb, notes=("nvidia-smi", "pip install"))

    # input() and widgets.
    nb = nb_()
    nb.cells.insert(_index(nb, "pm_one_targets"), _code('name = input("Your name: ")\nprint("hello", name)'))
    nb.cells.insert(_index(nb, "flatten_batch"),
                    _code("import ipywidgets as widgets\nfrom ipywidgets import interact\n"
                          "interact(lambda n: n * 2, n=(0, 10))\nwidgets.IntSlider(value=3)"))
    add("interactive", nb)

    # Cells that run forever after the exercises, and an edited demo cell that never ends.
    nb = nb_()
    nb.cells.append(_code("while True:\n    pass"))
    nb.cells.append(_code("import time\ntime.sleep(10**6)"))
    add("endless", nb, notes=("interrupted",))
    nb = nb_()
    demo = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("x = torch.arange(6.0)"))
    nb.cells[demo].source = "step = 0\nwhile True:\n    step += 1"
    add("endlessdemo", nb, notes=("interrupted",))

    # Cells turned into markdown: a solution cell (graded as code) and a test cell (put back).
    nb = nb_()
    nb.cells[_index(nb, "flatten_batch")].cell_type = "markdown"
    nb.cells[_index(nb, "test_to_device")].cell_type = "markdown"
    for c in nb.cells:
        if c.cell_type == "markdown":
            c.pop("outputs", None)
            c.pop("execution_count", None)
    add("markdown", nb, notes=("flatten_batch",))

    # A BOM and Windows line endings (saved by another editor); copied cells with the same ids.
    add("bom", None, raw=b"\xef\xbb\xbf" + dumps(nb_()).replace(b"\n", b"\r\n"))
    nb = nb_()
    i = _index(nb, "pm_one_targets")
    nb.cells.insert(i + 2, _copy(nb.cells[i - 1]))
    raw = json.loads(dumps(nb))
    raw["cells"][i + 2]["id"] = raw["cells"][i - 1]["id"]  # written by a tool that copies ids as well
    add("sameids", None, raw=json.dumps(raw, indent=1).encode())

    # The test cells deleted and the setup cell edited.
    nb = nb_()
    nb.cells = [c for c in nb.cells if not (_gid(c) or "").startswith("test_")]
    nb.cells[_index(nb, "setup")].source += "\nimport math"
    add("notests", nb, notes=("deleted", "setup cell was edited"))

    # A stub left after the test cell: graded top to bottom, the answer was checked.
    nb = nb_()
    i = _index(nb, "test_flatten_batch")
    stub = nbformat.read(RELEASED, as_version=4).cells[_index(nb, "flatten_batch")]
    nb.cells.insert(i + 1, _copy(stub))
    add("stubafter", nb)
    return out
