"""`make grade-demo`: a small class graded end to end, and the notebook surgery it (and the
tests and the benchmark) builds submissions with.

The class is made from an official notebook: a correct submission (the solutions), a blank one
(the student release), a partly wrong one, one that cheats (patches torch, then computes a
forbidden op out of the profiler's sight) and one that crashes its kernel. It is handed to the
grader as an LMS would: one zip with Canvas-style file names.
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import nbformat

SOLUTION_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def release(official_nb):
    """The student release of an official notebook, as nbgrader's generate_assignment makes it
    (solutions stubbed, hidden tests removed, outputs cleared), without touching a gradebook."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions, ComputeChecksums

    nb = copy.deepcopy(official_nb)
    resources = {"language": "python"}
    for pp in (ClearSolutions(code_stub={"python": SOLUTION_STUB}), ClearOutput(), ClearHiddenTests(),
               ComputeChecksums()):
        nb, resources = pp.preprocess(nb, resources)
    return nb


def with_cells(nb, sources: dict[str, str]):
    """A copy of `nb` whose cells with these grade_ids hold these sources."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in sources:
            cell.source = sources[gid]
    return nb


def solutions_of(official_nb) -> dict[str, str]:
    """grade_id -> the solution cell's source with the solution markers removed."""
    out = {}
    for cell in official_nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            lines = [ln for ln in cell.source.split("\n") if "### BEGIN SOLUTION" not in ln and "### END SOLUTION" not in ln]
            out[meta["grade_id"]] = "\n".join(lines)
    return out


def submission_from(official_nb, sources: dict[str, str]):
    """The release with every solution filled in from the official solutions, then `sources`."""
    return with_cells(release(official_nb), {**solutions_of(official_nb), **sources})


def dumps(nb) -> bytes:
    return nbformat.writes(nb).encode()


# ---- the demo class -----------------------------------------------------------------------------

WRONG = {  # answers students really write (tests/corpus has more)
    "pairwise_sq_dists": "def pairwise_sq_dists(x, y):\n    return torch.cdist(x, y)  # not squared, and forbidden",
    "pm_one_targets": "def pm_one_targets(labels, num_classes):\n    return F.one_hot(labels, num_classes).float()",
}
CHEAT = '''vars(torch)["allclose"] = lambda *a, **k: True     # nbgrader would now pass anything
threading = getattr(torch, "sys").modules["threading"]


def {name}(*args):
    box = {{}}
    worker = threading.Thread(target=lambda: box.setdefault("out", None))  # the profiler cannot see threads
    worker.start()
    worker.join()
    return box["out"]
'''
CRASH = "import os\nos._exit(1)  # the kernel dies here\n"


def build_class(official_nb) -> dict[str, bytes]:
    """file name (Canvas style) -> notebook bytes."""
    ids = list(solutions_of(official_nb))
    first = ids[0]
    target = next((i for i in ids if i in WRONG and i != first), ids[-1])
    wrong = {target: WRONG.get(target, f"def {target}(*args):\n    return None")}
    return {
        "ada_1001_2001_{a}.ipynb": dumps(submission_from(official_nb, {})),
        "ben_1002_2002_{a}.ipynb": dumps(release(official_nb)),
        "cy_1003_2003_{a}.ipynb": dumps(submission_from(official_nb, wrong)),
        "dee_1004_2004_{a}.ipynb": dumps(submission_from(official_nb, {first: CHEAT.format(name=first)})),
        "eve_1005_2005_{a}.ipynb": dumps(submission_from(official_nb, {first: CRASH + solutions_of(official_nb)[first]})),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.grading.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default=None, help="the official notebook to build the class from "
                        "(default: 01_tensors when the course has it, else the test fixture)")
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args(argv)

    from .course import Course
    from .feedback import table
    from .pipeline import Settings, grade

    repo = Path(__file__).resolve().parents[2]
    course = Course.at(repo)
    assignment = args.assignment or ("01_tensors" if "01_tensors" in course.assignments else None)
    if assignment is None:
        course, assignment = Course.at(repo / "tests" / "fixtures" / "course"), "fixture_tensors"
    official_nb = nbformat.read(course.notebook_path(assignment), as_version=4)
    with tempfile.TemporaryDirectory(prefix="grade-demo-") as tmp:
        archive = Path(tmp) / f"{assignment}-submissions.zip"
        with zipfile.ZipFile(archive, "w") as z:
            for name, data in build_class(official_nb).items():
                z.writestr(name.format(a=assignment), data)
        print(f"$ python -m autograder grade --no-gradebook {archive.name}    # a zip as an LMS gives it")
        started = time.monotonic()
        report = grade(Settings(paths=[str(archive)], course=str(course.root), jobs=args.jobs, out=str(Path(tmp) / "out"),
                                gradebook=False, progress=sys.stderr.isatty(), seed=2024), log=lambda m: None)
        print(table(report.results))
        print()
        for r in report.results:
            for e in r.exercises:
                if e.status not in ("passed", "not attempted"):
                    lines = e.message.splitlines()
                    print(f"{r.student} / {e.exercise}: {e.status}: {lines[0].split(': ', 1)[-1][:120]}")
                    if len(lines) > 1:
                        print(f"    {lines[1].strip()[:120]}")
        print(f"\n{len(report.results)} notebooks graded in {time.monotonic() - started:.1f} s "
              f"(seed {report.seed}); sandbox: {'; '.join(report.results[0].isolation) or 'audit hook only'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
