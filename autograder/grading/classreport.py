"""The class report: what a whole class did on an assignment, for the instructor.

`python -m autograder grade` writes, per assignment, `reports/<assignment>/report.html` (one
self-contained page: figures are PNGs inside it, no script, no server) and `report.json` (the same
counts, for scripts). Both come from one `summary()`, so they cannot disagree:

- the score distribution (a histogram) and its mean, median, lowest and highest;
- per exercise: how many notebooks passed, failed, were not attempted, errored or timed out
  (a stacked bar per exercise) and the pass rate;
- the known mistakes the judge recognised (an exercise's `Mistake`s), with how many students made
  each: "as_image_batch: divided by 256: 12 students";
- the most common failure headlines (the verdict's first line, without the check's number);
- every timeout and error, with its student and message;
- what the grader noted about the notebooks themselves (lost metadata, copied cells, superseded
  attempts), counted by kind.

nbgrader and Otter give per-student scores only.
"""
from __future__ import annotations

import base64
import io
import json
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment

from .results import ERROR, FAILED, NOT_ATTEMPTED, PASSED, STATUSES, TIMEOUT, NotebookResult

TOP_HEADLINES = 10
COLOURS = {PASSED: "#1a7f37", FAILED: "#d1242f", NOT_ATTEMPTED: "#bf8700", ERROR: "#6e40c9", TIMEOUT: "#57606a"}
# The grader's notes about notebooks, by kind (the words each note starts with or contains).
NOTE_KINDS = (
    ("lost its nbgrader metadata", "lost its nbgrader metadata"),
    ("attempts of this notebook were submitted", "several attempts submitted (the latest graded)"),
    ("appears", "a cell copied or split"),
    ("was deleted", "an official cell deleted (put back)"),
    ("is not in the notebook", "an official cell missing (put back)"),
    ("was edited", "an official cell edited (the official one used)"),
    ("turned into", "a cell's type changed"),
    ("was not run (the grader has no keyboard", "debugger, shell or display leftovers (not run)"),
    ("was interrupted", "a cell interrupted at the timeout (no exercise's)"),
    ("the grader's sandbox refused", "a refusal in a cell that is no exercise's"),
    ("was not run: it uses what graded code may not use", "a flagged cell that is no exercise's"),
    ("was below other code", "the setup cell moved"),
)


def write(out: Path, results: list[NotebookResult], course=None, seed: int | None = None) -> dict[str, Path]:
    """reports/<assignment>/report.html and report.json for every assignment in `results`."""
    by_assignment: dict[str, list[NotebookResult]] = defaultdict(list)
    for r in results:
        by_assignment[r.assignment].append(r)
    files = {}
    for assignment, group in sorted(by_assignment.items()):
        folder = Path(out) / "reports" / assignment
        folder.mkdir(parents=True, exist_ok=True)
        data = summary(assignment, group, seed)
        (folder / "report.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (folder / "report.html").write_text(render(data), encoding="utf-8")
        files[assignment] = folder / "report.html"
    return files


def headline_of(message: str) -> str:
    """A verdict's first line without the number of the check that failed (which differs from
    student to student): "pairwise_sq_dists: wrong values"."""
    first = (message or "").splitlines()[0] if message else ""
    first = re.sub(r"\s*\((?:visible|hidden) check \d+ of \d+(?::[^)]*)?\)\s*$", "", first)
    return first.strip()


def _short(explain: str) -> str:
    """A mistake's name: its explanation up to the first ';' ("divided by 256")."""
    return re.split(r"[;:]", explain, maxsplit=1)[0].strip()


def summary(assignment: str, results: list[NotebookResult], seed: int | None = None) -> dict:
    """Every count the report shows, as plain data."""
    results = sorted(results, key=lambda r: (r.student, r.notebook))
    exercises: list[str] = []
    max_scores: dict[str, float] = {}
    for r in results:
        for e in r.exercises:
            if e.exercise not in exercises:
                exercises.append(e.exercise)
            max_scores[e.exercise] = e.max_score
    max_total = sum(max_scores.values())
    scores = {f"{r.student}" + (f" ({r.notebook})" if r.notebook != assignment else ""): r.score for r in results}
    values = sorted(scores.values())
    histogram = Counter(values)

    per_exercise = []
    for ex in exercises:
        statuses = Counter()
        for r in results:
            e = next((e for e in r.exercises if e.exercise == ex), None)
            statuses[e.status if e is not None else ERROR] += 1
        total = sum(statuses.values())
        per_exercise.append({"exercise": ex, "max_score": max_scores[ex], "notebooks": total,
                             "statuses": {s: statuses.get(s, 0) for s in STATUSES},
                             "pass_rate": round(statuses.get(PASSED, 0) / total, 4) if total else 0.0})

    mistakes: dict[tuple[str, str], set] = defaultdict(set)
    headlines: dict[str, set] = defaultdict(set)
    problems = []
    for r in results:
        for e in r.exercises:
            if e.mistake:
                mistakes[(e.exercise, e.mistake)].add(r.student)
            if e.status == FAILED:
                headlines[headline_of(e.message)].add(r.student)
            if e.status in (TIMEOUT, ERROR):
                problems.append({"student": r.student, "exercise": e.exercise, "status": e.status,
                                 "message": headline_of(e.message)})
    notes = Counter()
    noted_students: dict[str, set] = defaultdict(set)
    for r in results:
        texts = list(r.notes) + [n for e in r.exercises for n in e.notes]
        for needle, kind in NOTE_KINDS:
            if any(needle in t for t in texts):
                notes[kind] += 1
                noted_students[kind].add(r.student)

    return {
        "assignment": assignment,
        "seed": seed,
        "notebooks": len(results),
        "students": len({r.student for r in results}),
        "unreadable": sum(1 for r in results if r.status == "error"),
        "max_score": max_total,
        "scores": scores,
        "distribution": {
            "mean": round(statistics.fmean(values), 4) if values else None,
            "median": statistics.median(values) if values else None,
            "min": values[0] if values else None,
            "max": values[-1] if values else None,
            "full_marks": sum(1 for v in values if max_total and abs(v - max_total) < 1e-9),
            "histogram": [[score, histogram[score]] for score in sorted(histogram)],
        },
        "exercises": per_exercise,
        "mistakes": [{"exercise": ex, "mistake": _short(explain), "explanation": explain,
                      "students": len(who), "who": sorted(who)}
                     for (ex, explain), who in sorted(mistakes.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
        "failures": [{"headline": h, "students": len(who), "who": sorted(who)}
                     for h, who in sorted(headlines.items(), key=lambda kv: (-len(kv[1]), kv[0]))][:TOP_HEADLINES],
        "timeouts": [p for p in problems if p["status"] == TIMEOUT],
        "errors": [p for p in problems if p["status"] == ERROR],
        "notes": [{"kind": kind, "notebooks": notes[kind], "who": sorted(noted_students[kind])}
                  for _, kind in NOTE_KINDS if notes[kind]],
    }


# ---- the figures ----------------------------------------------------------------------------------

def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def figures(data: dict) -> dict[str, str]:
    """name -> a data: URL of a PNG, drawn with matplotlib (Agg: no display needed)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    out = {}
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    hist = data["distribution"]["histogram"]
    if hist:
        ax.bar([h[0] for h in hist], [h[1] for h in hist], width=0.8 if data["max_score"] > 3 else 0.4,
               color="#0969da")
    ax.set_xlim(-0.7, data["max_score"] + 0.7)
    ax.set_xlabel(f"score (out of {data['max_score']:g})")
    ax.set_ylabel("notebooks")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{data['assignment']}: scores of {data['notebooks']} notebook(s)")
    ax.spines[["top", "right"]].set_visible(False)
    out["scores"] = _png(fig)

    rows = data["exercises"]
    fig, ax = plt.subplots(figsize=(6.4, 0.45 * max(len(rows), 1) + 1.2))
    names = [r["exercise"] for r in rows][::-1]
    left = [0] * len(names)
    for status in STATUSES:
        counts = [r["statuses"][status] for r in rows][::-1]
        ax.barh(names, counts, left=left, color=COLOURS[status], label=status)
        left = [a + b for a, b in zip(left, counts)]
    ax.set_xlabel("notebooks")
    ax.set_title("each exercise, by verdict")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.08), ncol=5, fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    out["exercises"] = _png(fig)
    return out


# ---- the page -------------------------------------------------------------------------------------

PAGE = Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: {{ d.assignment }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; color: #222; line-height: 1.4; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
img { max-width: 100%; }
.muted { color: #666; font-size: .9em; }
</style></head><body>
<h1>Class report: <code>{{ d.assignment }}</code></h1>
<p id="overview"><span data-key="notebooks">{{ d.notebooks }}</span> notebook(s) from
<span data-key="students">{{ d.students }}</span> student(s);
<span data-key="unreadable">{{ d.unreadable }}</span> could not be graded at all.
Mean score <span data-key="mean">{{ fmt(d.distribution.mean) }}</span>,
median <span data-key="median">{{ fmt(d.distribution.median) }}</span>
out of <span data-key="max_score">{{ fmt(d.max_score) }}</span>;
<span data-key="full_marks">{{ d.distribution.full_marks }}</span> with full marks.
{% if d.seed is not none %}<span class="muted">(hidden checks drawn with seed {{ d.seed }})</span>{% endif %}</p>

<h2>Scores</h2>
<img alt="histogram of the scores" src="{{ figs.scores }}">
<table id="histogram"><tr><th>score</th><th>notebooks</th></tr>
{% for score, n in d.distribution.histogram %}<tr><td class="n">{{ fmt(score) }}</td><td class="n" data-count="{{ n }}">{{ n }}</td></tr>
{% endfor %}</table>

<h2>Exercises</h2>
<img alt="verdicts per exercise" src="{{ figs.exercises }}">
<table id="exercises"><tr><th>exercise</th><th>points</th>{% for s in statuses %}<th>{{ s }}</th>{% endfor %}<th>pass rate</th></tr>
{% for e in d.exercises %}<tr data-exercise="{{ e.exercise }}"><td><code>{{ e.exercise }}</code></td><td class="n">{{ fmt(e.max_score) }}</td>
{% for s in statuses %}<td class="n" data-status="{{ s }}" data-count="{{ e.statuses[s] }}">{{ e.statuses[s] }}</td>{% endfor %}
<td class="n" data-rate="{{ e.pass_rate }}">{{ "%.0f"|format(100 * e.pass_rate) }}%</td></tr>
{% endfor %}</table>

<h2>Known mistakes the judge recognised</h2>
{% if d.mistakes %}<table id="mistakes"><tr><th>exercise</th><th>mistake</th><th>students</th></tr>
{% for m in d.mistakes %}<tr><td><code>{{ m.exercise }}</code></td><td title="{{ m.explanation }}">{{ m.mistake }}</td>
<td class="n" data-count="{{ m.students }}">{{ m.students }}</td></tr>
{% endfor %}</table>
<ul class="muted">{% for m in d.mistakes %}<li>{{ m.exercise }}: {{ m.mistake }}: {{ m.students }} student{{ "" if m.students == 1 else "s" }} ({{ m.who|join(", ") }})</li>{% endfor %}</ul>
{% else %}<p id="mistakes" class="muted">None: no wrong answer matched a known mistake.</p>{% endif %}

<h2>Most common failures</h2>
{% if d.failures %}<table id="failures"><tr><th>what the check said</th><th>students</th></tr>
{% for f in d.failures %}<tr><td>{{ f.headline }}</td><td class="n" data-count="{{ f.students }}">{{ f.students }}</td></tr>
{% endfor %}</table>{% else %}<p id="failures" class="muted">No exercise failed its checks.</p>{% endif %}

<h2>Timeouts and errors</h2>
{% if d.timeouts or d.errors %}<table id="problems"><tr><th>student</th><th>exercise</th><th>status</th><th>message</th></tr>
{% for p in d.timeouts + d.errors %}<tr data-status="{{ p.status }}"><td>{{ p.student }}</td><td><code>{{ p.exercise }}</code></td><td>{{ p.status }}</td><td>{{ p.message }}</td></tr>
{% endfor %}</table>{% else %}<p id="problems" class="muted">None.</p>{% endif %}

<h2>About the notebooks</h2>
{% if d.notes %}<table id="notes"><tr><th>what the grader noted</th><th>notebooks</th></tr>
{% for n in d.notes %}<tr><td>{{ n.kind }}</td><td class="n" data-count="{{ n.notebooks }}">{{ n.notebooks }}</td></tr>
{% endfor %}</table>{% else %}<p id="notes" class="muted">Nothing: every notebook arrived as released.</p>{% endif %}

<h2>Scores per student</h2>
<table id="scores"><tr><th>student</th><th>score</th></tr>
{% for who, score in d.scores.items() %}<tr><td>{{ who }}</td><td class="n">{{ fmt(score) }}</td></tr>
{% endfor %}</table>
<p class="muted">The same counts are in report.json beside this page.</p>
</body></html>
""")


def _fmt(x) -> str:
    if x is None:
        return "-"
    return f"{x:.2f}".rstrip("0").rstrip(".") if isinstance(x, float) else str(x)


def render(data: dict) -> str:
    return PAGE.render(d=data, figs=figures(data), statuses=STATUSES, fmt=_fmt)
