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
