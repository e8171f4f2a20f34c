"""The course being graded: its root, its nbgrader settings, its official notebooks."""
from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .restore import Official, load_official

CONFIG = "nbgrader_config.py"


@dataclass
class Course:
    root: Path
    solutions: Path  # nbgrader's source directory: solutions/<id>/<id>.ipynb
    config: object = None  # traitlets Config of nbgrader_config.py, when there is one
    _officials: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def has_gradebook(self) -> bool:
        """A course directory proper: nbgrader's config is there, so its gradebook is too."""
        return self.config is not None

    @classmethod
    def find(cls, explicit: str | os.PathLike | None = None) -> "Course":
        """`explicit`, else the folder around the current directory that holds nbgrader_config.py,
        else the checkout the autograder package was installed from (no gradebook then)."""
        if explicit is not None:
            return cls.at(Path(explicit))
        here = Path.cwd().resolve()
        for candidate in (here, *here.parents):
            if (candidate / CONFIG).is_file():
                return cls.at(candidate)
        from ..paths import package_repo_root

        root = package_repo_root()
        if root is None:
            raise FileNotFoundError("no course found: run inside the course folder or pass --course")
        return cls(root, root / "solutions")

    @classmethod
    def at(cls, root: Path) -> "Course":
        root = root.resolve()
        config = None
        source = "solutions"
        if (root / CONFIG).is_file():
            from traitlets.config.loader import PyFileConfigLoader

            config = PyFileConfigLoader(CONFIG, path=str(root)).load_config()
            source = config.CourseDirectory.get("source_directory", "source")
        solutions = root / source
        if not solutions.is_dir():
            raise FileNotFoundError(f"{root}: no {source}/ folder of official notebooks")
        return cls(root, solutions, config)

    @property
    def assignments(self) -> list[str]:
        return sorted(p.name for p in self.solutions.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def notebook_path(self, assignment: str, notebook: str | None = None) -> Path:
        folder = self.solutions / assignment
        if notebook and (folder / f"{notebook}.ipynb").exists():
            return folder / f"{notebook}.ipynb"
        candidates = sorted(folder.glob("*.ipynb"))
        if not candidates:
            raise FileNotFoundError(f"no official notebook for {assignment!r} in {folder}")
        return folder / f"{assignment}.ipynb" if (folder / f"{assignment}.ipynb").exists() else candidates[0]

    def official(self, assignment: str, notebook: str | None = None) -> Official:
        path = self.notebook_path(assignment, notebook)
        with self._lock:
            if path not in self._officials:
                self._officials[path] = load_official(path, assignment)
            return self._officials[path]

    def grade_ids(self) -> dict[str, set[str]]:
        """assignment -> the grade_ids of its official notebook(s)."""
        out = {}
        for a in self.assignments:
            try:
                out[a] = set(self.official(a).by_grade_id)
            except Exception:
                out[a] = set()
        return out

    def answer_names(self) -> dict[str, set[str]]:
        """assignment -> the names its check calls look up (the functions and classes students write)."""
        out = {}
        for a in self.assignments:
            try:
                out[a] = {n.split(".")[0] for c in self.official(a).test_cells for call in c.checks for n in call.answer}
            except Exception:
                out[a] = set()
        return out

    def file_digest(self) -> dict[str, str]:
        """sha256 of every file of the course the tripwire watches (docs/grading.md, layer 9)."""
        watched = [self.solutions, self.root / "autograder", self.root / "notebooks", self.root / "release",
                   self.root / "source", self.root / CONFIG, Path(__file__).resolve().parents[1]]
        out = {}
        for base in watched:
            if base.is_file():
                out[str(base)] = hashlib.sha256(base.read_bytes()).hexdigest()
                continue
            if not base.is_dir():
                continue
            for p in sorted(base.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    try:
                        out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
                    except OSError:
                        pass
        return out

    def setting(self, section: str, name: str, default=None):
        if self.config is None:
            return default
        value = self.config.get(section, {}).get(name, default)
        return default if value is None or (hasattr(value, "keys") and not value) else value
