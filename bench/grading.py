"""Grading throughput: `python -m autograder grade` against plain `nbgrader autograde`.

    python bench/grading.py [--students 40] [--assignment 01_tensors] [--jobs N]

Builds a synthetic class from an official notebook (each exercise of each student is, at random
but reproducibly: the official solution, a right answer from tests/corpus, a wrong one, or the
untouched stub), gives the same submitted/ tree to two copies of the course, and times

- `nbgrader autograde <assignment>`: a Jupyter kernel per notebook, every cell executed, the
  test cells run in the student's kernel (AUTOGRADER_SEED set, so its hidden checks draw the
  same inputs as ours);
- `python -m autograder grade submitted/ --seed S`: fork-server children, observations judged
  outside, and the grades recorded in the gradebook through nbgrader's own Autograde converter.

Both record into their gradebook; the scores of every test cell of every student are compared.
Prints both times, the throughputs and their ratio (the goal: 4x nbgrader's), and what our run says
about its gradebook (every submission read back after recording).

With --damaged (01_tensors only), the class also holds the damaged submissions of
tests/grading_support.damaged_01 (cells copied, split, moved or stripped of their metadata,
debugger and shell leftovers, cells that never end, ...), each with the right answers: they are
left out of the comparison of the ordinary class, and a table shows, for each, the points a careful
instructor expects, ours and nbgrader's.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from autograder.grading.demo import dumps, release, solutions_of, with_cells  # noqa: E402

SEED = 4321


def course_of(assignment: str) -> Path:
    if (ROOT / "solutions" / assignment).is_dir():
        return ROOT
    fixture = ROOT / "tests" / "fixtures" / "course"
    if (fixture / "solutions" / assignment).is_dir():
        return fixture
    raise SystemExit(f"no official notebook for {assignment!r}")


def env() -> dict:
    e = dict(os.environ, AUTOGRADER_SEED=str(SEED), MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    e["PATH"] = str(Path(sys.executable).parent) + os.pathsep + e.get("PATH", "")
    return e


def run(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n")
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return elapsed, proc


def make_class(official_nb, assignment: str, students: int, rng: random.Random) -> dict[str, bytes]:
    corpus = ROOT / "tests" / "corpus" / assignment
    solutions = solutions_of(official_nb)
    stub = release(official_nb)
    out = {}
    for i in range(students):
        sources = {}
        for ex, solution in solutions.items():
            answers = sorted((corpus / ex).glob("*.py")) if (corpus / ex).is_dir() else []
            right = [p for p in answers if "# expect: pass" in p.read_text()]
            wrong = [p for p in answers if p not in right]
            pick = rng.choices(["solution", "right", "wrong", "stub"], weights=[4, 2, 3, 1])[0]
            if pick == "solution" or (pick == "right" and not right) or (pick == "wrong" and not wrong):
                sources[ex] = solution
            elif pick in ("right", "wrong"):
                sources[ex] = rng.choice(right if pick == "right" else wrong).read_text()
        out[f"s{i:03d}"] = dumps(with_cells(stub, sources))
    return out


def gradebook_scores(course: Path, assignment: str) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", cfg.CourseDirectory.course_id) as gb:
        for sub in gb.find_assignment(assignment).submissions:
            for nb in sub.notebooks:
                for grade in nb.grades:
                    scores[(sub.student.id, grade.name)] = float(grade.auto_score or 0)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--assignment", default="01_tensors")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", metavar="DIR", help="build the courses in DIR and keep them")
    parser.add_argument("--all-cells", action="store_true",
                        help="make the grader run every cell, unchanged demos included, as nbgrader does")
    parser.add_argument("--damaged", action="store_true",
                        help="add the damaged submissions of the grader's tests (01_tensors only)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a cell may run, for both graders")
    args = parser.parse_args()

    source = course_of(args.assignment)
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-grading-"))
    nbg, ours = work / "nbgrader", work / "ours"
    for d in (nbg, ours):
        shutil.rmtree(d, ignore_errors=True)
    (nbg / "solutions").mkdir(parents=True)
    shutil.copytree(source / "solutions" / args.assignment, nbg / "solutions" / args.assignment)
    shutil.copy(source / "nbgrader_config.py", nbg / "nbgrader_config.py")
    t, _ = run([sys.executable, "-m", "nbgrader", "generate_assignment", args.assignment, "--force"], nbg)
    print(f"generate_assignment: {t:.1f} s (not timed below)")

    official_nb = nbformat.read(nbg / "solutions" / args.assignment / f"{args.assignment}.ipynb", as_version=4)
    students = make_class(official_nb, args.assignment, args.students, random.Random(SEED))
    damaged = {}
    if args.damaged:
        if args.assignment != "01_tensors":
            raise SystemExit("--damaged: the damaged submissions are built from 01_tensors")
        sys.path.insert(0, str(ROOT / "tests"))
        from grading_support import damaged_01

        damaged = {f"dmg-{d.name}": d for d in damaged_01()}
        students.update({k: d.data for k, d in damaged.items()})
    for student, data in students.items():
        folder = nbg / "submitted" / student / args.assignment
        folder.mkdir(parents=True)
        (folder / f"{args.assignment}.ipynb").write_bytes(data)
    shutil.copytree(nbg, ours)
    print(f"{len(students)} submissions of {args.assignment} in {work}; {os.cpu_count()} cores")

    extra = (["--all-cells"] if args.all_cells else []) + ["--timeout", f"{args.timeout:g}"]
    t_ours, proc = run([sys.executable, "-m", "autograder", "grade", "submitted", "--jobs", str(args.jobs),
                        "--seed", str(SEED), *extra], ours)
    print(f"python -m autograder grade --jobs {args.jobs}{' --all-cells' if args.all_cells else ''}: {t_ours:7.1f} s  "
          f"({len(students) / t_ours:.2f} notebooks/s)")
    recorded = [line for line in proc.stdout.splitlines() if "nbgrader's gradebook" in line]
    print(f"  {recorded[0] if recorded else 'no gradebook line'}; exit status {proc.returncode}")
    nbgrader_cmd = [sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--force",
                    f"--ExecutePreprocessor.timeout={int(args.timeout)}"]
    # nbgrader stops a whole run at some damaged notebooks (a byte-order mark, metadata it calls
    # "an old version"): the ordinary class is timed alone, each damaged notebook graded on its own.
    t_nbg, _ = run(nbgrader_cmd + (["--student=s*"] if damaged else []), nbg)
    for student in damaged:
        run(nbgrader_cmd + [f"--student={student}"], nbg)
    ordinary = len(students) - len(damaged)
    print(f"nbgrader autograde:             {t_nbg:7.1f} s  ({ordinary / t_nbg:.2f} notebooks/s)"
          + (f" (the {ordinary} ordinary notebooks only)" if damaged else ""))
    if not damaged:
        print(f"ratio: {t_nbg / t_ours:.1f}x nbgrader's throughput (goal: 4x)")

    a, b = gradebook_scores(nbg, args.assignment), gradebook_scores(ours, args.assignment)
    plain = {k for k in set(a) | set(b) if k[0] not in damaged}
    diff = sorted(k for k in plain if a.get(k) != b.get(k))
    total = sum(v for k, v in a.items() if k in plain)
    print(f"scores: {len(plain)} graded cells, {total:g} points in all; identical: {'yes' if not diff else 'NO'}")
    for k in diff[:20]:
        print(f"  {k[0]} {k[1]}: nbgrader {a.get(k)}, ours {b.get(k)}")
    if damaged:
        print(f"damaged submissions ({len(damaged)}): points expected / ours / nbgrader's")
        agree = 0
        for student, d in sorted(damaged.items()):
            want = sum(d.scores.values())
            got_ours = sum(v for k, v in b.items() if k[0] == student)
            got_nbg = sum(v for k, v in a.items() if k[0] == student)
            agree += got_ours == want
            print(f"  {student:18s} {want:4g} {got_ours:6g} {got_nbg:10g}")
        print(f"  ours as expected: {agree} of {len(damaged)}; nbgrader's: "
              f"{sum(sum(v for k, v in a.items() if k[0] == s) == sum(d.scores.values()) for s, d in damaged.items())}"
              f" of {len(damaged)}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if not diff else 1


if __name__ == "__main__":
    sys.exit(main())
