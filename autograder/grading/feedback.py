"""Reports of a grading run: an HTML page of feedback per student, a CSV of grades for an LMS,
and the table the command line prints.

The HTML shows each exercise's status, score and the verdict's words for students: for a hidden
check, its headline and how many hidden checks passed, never the test code or its inputs.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from jinja2 import Environment

from .results import NotebookResult

PAGE = Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback: {{ student }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .6rem; text-align: left; vertical-align: top; }
pre { white-space: pre-wrap; margin: 0; font-size: .9em; }
.passed { color: #1a7f37; } .failed, .error, .timeout { color: #b42318; } .not-attempted { color: #8a6d00; }
.notes { color: #555; font-size: .9em; }
</style></head><body>
<h1>Feedback for {{ student }}</h1>
{% for nb in notebooks %}
<h2>{{ nb.assignment }}{% if nb.notebook != nb.assignment %} / {{ nb.notebook }}{% endif %}:
  {{ "%g"|format(nb.score) }} / {{ "%g"|format(nb.max_score) }}</h2>
{% if nb.status == "error" and nb.error %}<p class="error">{{ nb.error }}</p>{% endif %}
<table><tr><th>Exercise</th><th>Status</th><th>Score</th><th>Checks</th><th>What the grader found</th></tr>
{% for ex in nb.exercises %}
<tr><td><code>{{ ex.exercise }}</code></td>
<td class="{{ ex.status|replace(' ', '-') }}">{{ ex.status }}</td>
<td>{{ "%g"|format(ex.score) }} / {{ "%g"|format(ex.max_score) }}</td>
<td>{% for side in ("visible", "hidden") %}{% if ex.checks.get(side) and ex.checks[side][1] %}
  {{ ex.checks[side][0] }}/{{ ex.checks[side][1] }} {{ side }}<br>{% endif %}{% endfor %}</td>
<td><pre>{{ ex.feedback }}</pre>{% for n in ex.notes %}<div class="notes">{{ n }}</div>{% endfor %}</td></tr>
{% endfor %}
</table>
{% for n in nb.notes %}<p class="notes">{{ n }}</p>{% endfor %}
{% endfor %}
<p class="notes">Hidden checks run at grading time on other inputs than the visible ones; their inputs are not shown.</p>
</body></html>
""")


def safe_name(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.@-]+", "_", student).strip("._") or "student"


def write(out: Path, results: list[NotebookResult], students: set[str]) -> dict[str, Path]:
    """grades.csv for every result given, feedback/<student>.html for `students`."""
    out = Path(out)
    files = {"csv": write_csv(out / "grades.csv", results)}
    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    by_student: dict[str, list[NotebookResult]] = {}
    for r in results:
        by_student.setdefault(r.student, []).append(r)
    for student in sorted(students):
        page = PAGE.render(student=student, notebooks=sorted(by_student.get(student, []), key=lambda r: r.assignment))
        (folder / f"{safe_name(student)}.html").write_text(page, encoding="utf-8")
    files["feedback"] = folder
    return files


def write_csv(path: Path, results: list[NotebookResult]) -> Path:
    """One row per student, one column per assignment, and the total: ready for an LMS import."""
    assignments = sorted({r.assignment for r in results})
    scores: dict[str, dict[str, float]] = {}
    for r in results:
        scores.setdefault(r.student, {}).setdefault(r.assignment, 0.0)
        scores[r.student][r.assignment] += r.score
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", *assignments, "total"])
        for student in sorted(scores):
            row = [scores[student].get(a, 0.0) for a in assignments]
            w.writerow([student, *(f"{x:g}" for x in row), f"{sum(row):g}"])
    return path


SHORT = {"passed": "✓", "failed": "✗", "not attempted": "·", "error": "E", "timeout": "T"}


def table(results: list[NotebookResult], width: int = 1000) -> str:
    """The run's results as a text table: one row per notebook, one column per exercise (as wide
    as its content: nothing is cut)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, show_edge=False)
    exercises: list[str] = []
    for r in results:
        for e in r.exercises:
            if e.exercise not in exercises:
                exercises.append(e.exercise)
    t.add_column("student")
    t.add_column("assignment")
    for ex in exercises:
        t.add_column(ex, justify="center", no_wrap=True)
    t.add_column("score", justify="right")
    for r in results:
        cells = {e.exercise: f"{SHORT.get(e.status, '?')} {e.score:g}/{e.max_score:g}" for e in r.exercises}
        t.add_row(r.student, r.assignment, *(cells.get(ex, "") for ex in exercises), f"{r.score:g}/{r.max_score:g}")
    console = Console(width=width, record=True, file=open("/dev/null", "w"), color_system=None)
    console.print(t)
    legend = "  ".join(f"{mark} {name}" for name, mark in SHORT.items())
    return console.export_text().rstrip() + "\n" + legend
