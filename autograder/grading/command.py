"""`python -m autograder grade`: argument parsing only; the work is pipeline.grade's."""
from __future__ import annotations

import argparse
import json
import sys

HELP = ("grade submissions (notebooks, nbgrader's submitted/ tree, LMS zips) in sandboxed processes, "
        "with verdicts decided outside them")
EPILOG = ("Writes results.sqlite, grades.csv, feedback/<student>.html and reports/<assignment>/report.html "
          "(+ report.json) into --out; inside a course folder, records into nbgrader's gradebook and reads it "
          "back. Exit status 1 when a submission could not be recorded as graded (the JSON's \"gradebook\" "
          "field says why) or a course file changed during grading; 0 otherwise.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a notebook, a folder (e.g. nbgrader's submitted/), or a zip from an LMS")
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                        help="notebooks graded at once (default: the number of cores)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds a cell may run (default 60)")
    parser.add_argument("--json", action="store_true",
                        help="print the results as JSON, one object per notebook and exercise")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed of the hidden checks' inputs (default: the stored run's, else a new one)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="grade on this Dask cluster (e.g. tcp://host:8786)")
    parser.add_argument("--course", metavar="DIR",
                        help="the course folder (default: the one around the current directory)")
    parser.add_argument("--out", metavar="DIR", help="where results.sqlite, grades.csv, feedback/ and reports/ go "
                        "(default: grading/ in the course folder)")
    parser.add_argument("--force", action="store_true", help="grade again notebooks that already have a result")
    parser.add_argument("--no-gradebook", action="store_true", help="do not record into nbgrader's gradebook")
    parser.add_argument("--memory", type=float, default=4.0, metavar="GB",
                        help="memory a notebook may use on top of the preloaded libraries (default 4)")
    parser.add_argument("--all-cells", action="store_true",
                        help="also run the unchanged demo cells that no student code refers to")
    # For the tests of the defence layers, one by one: not for grading.
    parser.add_argument("--no-isolation", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-static-scan", action="store_true", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from .feedback import table
    from .pipeline import Settings, grade

    settings = Settings(
        paths=args.paths, course=args.course, jobs=args.jobs, timeout=args.timeout, seed=args.seed,
        scheduler=args.scheduler, out=args.out, gradebook=not args.no_gradebook, force=args.force,
        progress=not args.json and sys.stderr.isatty(), memory=int(args.memory * (1 << 30)),
        isolate=not args.no_isolation, static_scan=not args.no_static_scan, all_cells=args.all_cells)

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    report = grade(settings, log=log)
    if args.json:
        print(json.dumps(report.rows(), indent=1, ensure_ascii=False))
    else:
        if report.results:
            print(table(report.results))
        for p in report.problems:
            print(f"not graded: {p.source}: {p.message}")
        print(f"\nseed {report.seed}; {report.graded} notebook(s) graded, {report.reused} already graded "
              f"(results in {report.out / 'results.sqlite'})")
        if report.gradebook:
            print(report.gradebook)
        if report.files:
            print(f"grades: {report.files['csv']}; feedback: {report.files['feedback']}/")
            for assignment, path in sorted(report.files.get("reports", {}).items()):
                print(f"class report of {assignment}: {path} (summary: {path.with_suffix('.json')})")
        if report.results and report.results[0].isolation:
            print("sandbox: " + "; ".join(report.results[0].isolation))
    for change in report.tripwire:
        print(f"TRIPWIRE: a course file changed during grading: {change}", file=sys.stderr)
    for r in report.unrecorded:
        print(f"GRADEBOOK: {r.student}/{r.assignment}/{r.notebook}: {r.gradebook}", file=sys.stderr)
    return 1 if report.tripwire or report.unrecorded else 0

