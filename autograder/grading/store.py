"""Results kept per submission in SQLite, so that a grading run killed at any moment resumes
where it stopped: a result is written (one transaction) as soon as its notebook is graded, and a
notebook whose bytes, official notebook and seed match a stored result is not graded again.
The run's seed is stored too: running again without --seed keeps the hidden checks' inputs."""
from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from pathlib import Path

from .results import NotebookResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    student TEXT NOT NULL, assignment TEXT NOT NULL, notebook TEXT NOT NULL,
    digest TEXT NOT NULL, fingerprint TEXT NOT NULL, seed INTEGER NOT NULL,
    result TEXT NOT NULL, graded_at REAL NOT NULL, recorded INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (student, assignment, notebook));
"""


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def seed(self, requested: int | None) -> int:
        """The run's seed: `requested`, else the stored one, else a new one (stored)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE name='seed'").fetchone()
            if requested is None and row is not None:
                return int(row[0])
            seed = requested if requested is not None else secrets.randbelow(2**31)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('seed', ?)", (str(seed),))
            return seed

    def get(self, key: tuple[str, str, str], digest: str, fingerprint: str, seed: int) -> NotebookResult | None:
        with self._lock:
            row = self._db.execute(
                "SELECT result FROM results WHERE student=? AND assignment=? AND notebook=? AND digest=? "
                "AND fingerprint=? AND seed=?", (*key, digest, fingerprint, seed)).fetchone()
        return NotebookResult.from_dict(json.loads(row[0])) if row else None

    def put(self, result: NotebookResult, fingerprint: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (result.student, result.assignment, result.notebook, result.digest, fingerprint, result.seed,
                 json.dumps(result.to_dict()), time.time()))

    def all(self, seed: int | None = None) -> list[NotebookResult]:
        with self._lock:
            rows = self._db.execute(
                "SELECT result FROM results" + (" WHERE seed=?" if seed is not None else "") +
                " ORDER BY student, assignment, notebook", (seed,) if seed is not None else ()).fetchall()
        return [NotebookResult.from_dict(json.loads(r[0])) for r in rows]

    def mark_recorded(self, keys) -> None:
        with self._lock:
            self._db.executemany("UPDATE results SET recorded=1 WHERE student=? AND assignment=? AND notebook=?",
                                 list(keys))

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
