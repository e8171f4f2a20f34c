"""How long a student waits for a visible check cell.

For every exercise of every notebook in solutions/, defines the solution the way the notebook
does (its setup cell, then its solution cell) and times the visible part of its test cell (what
the released notebook runs, e.g. `check(id, fn)` or `check(id, save, load)`): the median of
several runs, and the worst exercise. Also times
the one-off cost of `from autograder import check` in a fresh interpreter (paid in the setup
cell). Target: every visible check cell under 1 s on this machine's CPU.

    python bench/check_cell.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from nbtools import assignments, cell, exercise_ids, python_source, read, setup_namespace, solution_path  # noqa: E402


def import_cost() -> float:
    code = "import time; t = time.perf_counter(); from autograder import check; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from autograder.grading.restore import strip_hidden

    print(f"import of the checking library (setup cell, once per kernel): {import_cost():.2f} s")
    print(f"{'assignment':<26} {'exercise':<24} {'median s':>9} {'max s':>7}")
    worst = ("", 0.0)
    for assignment in assignments():
        nb = read(solution_path(assignment))
        ns = setup_namespace(assignment)
        for exercise in exercise_ids(nb):
            exec(compile(python_source(cell(nb, exercise).source), exercise, "exec"), ns)
            visible = compile(python_source(strip_hidden(cell(nb, f"test_{exercise}").source)), f"test_{exercise}", "exec")
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(visible, ns)
                times.append(time.perf_counter() - t)
            print(f"{assignment:<26} {exercise:<24} {statistics.median(times):>9.3f} {max(times):>7.3f}")
            if max(times) > worst[1]:
                worst = (exercise, max(times))
    print(f"slowest visible check: {worst[0]} at {worst[1]:.3f} s (target: under 1 s)")


if __name__ == "__main__":
    main()
