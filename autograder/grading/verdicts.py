"""Deciding, in the grading process: verify what the child signed, load it as plain data, and
judge it with the grading process's own pristine cases (checks.judge, the same code a visible
check in a notebook runs)."""
from __future__ import annotations

from pathlib import Path

from ..checks import report
from ..checks.encode import MAX_BYTES, loads
from ..checks.judge import judge
from ..checks.report import Verdict
from . import signing
from .results import ERROR, TIMEOUT


class BadObservation(Exception):
    pass


def messages(lines: list[str], key: bytes, nonce: bytes) -> tuple[list[dict], int]:
    """The genuine progress messages, in the order the driver sent them, and how many lines
    were not genuine (written to the channel by someone without the key)."""
    good, bad = {}, 0
    for raw in lines:
        got = signing.read_line(key, nonce, raw.encode("latin-1"))
        if got is None:
            bad += 1
        else:
            good.setdefault(got[0], got[1])
    return [good[n] for n in sorted(good)], bad


def read_observation(path: Path, key: bytes, nonce: bytes, seq: int) -> dict:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES + 64:
            raise BadObservation(f"the observation is too large ({size} bytes)")
        data = path.read_bytes()
    except OSError:
        raise BadObservation("the observation file is missing") from None
    try:
        payload = signing.unseal(key, nonce, seq, data)
    except signing.BadSignature as exc:
        raise BadObservation(f"the observation file failed its signature check: {exc}") from None
    try:
        body = loads(payload)
    except Exception as exc:  # weights_only refuses anything but plain data
        raise BadObservation(f"the observation could not be read as plain data ({type(exc).__name__})") from None
    if not isinstance(body, dict) or body.get("check") != seq or body.get("status") not in \
            ("observed", "missing", "timeout", "compromised"):
        raise BadObservation("the observation is malformed")
    return body


def judge_observation(entry: dict, body: dict, hidden: bool) -> Verdict:
    """The verdict on one check call. `entry` holds the exercise and its pristine cases."""
    ex = entry["exercise"]
    status = body["status"]
    if status == "missing":
        return Verdict(ex.id, ERROR, f"{ex.id}: {body.get('why') or 'not defined'}",
                       [f"The check needs {ex.signature}: define it in its solution cell, and make sure that "
                        "cell runs without an error."], stage="raised")
    if status == "timeout":
        return Verdict(ex.id, TIMEOUT, f"{ex.id}: the check ran out of time",
                       ["Your function is too slow on the checks' inputs, or never returns (an endless loop?)."],
                       stage="raised")
    if status == "compromised":
        problems = list(dict.fromkeys(str(p) for p in (body.get("problems") or [])))[:10]
        if body.get("why"):
            problems.append(str(body["why"]))
        return Verdict(ex.id, ERROR, f"{ex.id}: the check was interfered with, so it does not count",
                       ["While your function was being checked, the grader found:", *("  " + p for p in problems)],
                       stage="integrity")
    records = body.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return Verdict(ex.id, ERROR, f"{ex.id}: the observation is malformed", stage="integrity")
    try:
        return judge(ex, entry["cases"], records, hidden=hidden)
    except Exception as exc:  # records that do not fit the judge's expectations
        return Verdict(ex.id, ERROR, f"{ex.id}: the check's records could not be judged ({type(exc).__name__})",
                       stage="integrity")


def for_student(verdict: Verdict, hidden: bool) -> str:
    """The verdict's words a student may read: a hidden check's inputs are left out."""
    if not hidden or verdict.passed:
        return verdict.message
    keep = []
    for line in verdict.detail:
        if line.startswith("The call, to paste into a cell") or line.startswith("    "):
            break
        keep.append(line)
    keep.append(f"{verdict.checks_passed} of {verdict.checks_total} hidden checks passed before this one.")
    return "\n".join([verdict.headline, *("  " + line for line in keep if line)])


def is_pass(verdict: Verdict) -> bool:
    return verdict.status == report.PASSED
