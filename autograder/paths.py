"""Where the course lives: the repository root and the data folder.

The data folder is found, in this order:

1. ``$COURSE_DATA``, when set (tests point it at a temporary folder; set it to share one copy
   of the data between several checkouts);
2. ``<repo>/data`` of the course checkout found by walking up from the current directory (a
   notebook runs with cwd ``notebooks/<id>/``, the tests with cwd = the repository root);
3. ``/content/data`` in Google Colab;
4. ``<repo>/data`` of the checkout the ``autograder`` package itself was installed from (an
   editable install, ``pip install -e .``), when it runs from somewhere else;
5. otherwise a per-user cache folder (``$XDG_CACHE_HOME/pytorch-course/data``, by default
   ``~/.cache/pytorch-course/data``; ``%LOCALAPPDATA%`` on Windows).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_NAME = "pytorch-course"
DATA_VARIABLE = "COURSE_DATA"
COLAB_DATA = Path("/content/data")


def is_repo_root(path: Path) -> bool:
    """True if `path` is a checkout of this course: its pyproject.toml names the project and
    the autograder package sits beside it."""
    pyproject = path / "pyproject.toml"
    if not (pyproject.is_file() and (path / "autograder").is_dir()):
        return False
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return False
    return f'name = "{PROJECT_NAME}"' in text


def find_repo_root(start: str | os.PathLike | None = None) -> Path | None:
    """The course checkout containing `start` (default: the current directory), or None."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    for candidate in (here, *here.parents):
        if is_repo_root(candidate):
            return candidate
    return None


def package_repo_root() -> Path | None:
    """The checkout this package was installed from (editable install), or None (a wheel)."""
    candidate = Path(__file__).resolve().parent.parent
    return candidate if is_repo_root(candidate) else None


def repo_root() -> Path:
    """The course checkout: from the current directory, else the package's own checkout."""
    root = find_repo_root() or package_repo_root()
    if root is None:
        raise FileNotFoundError(
            f"not inside a checkout of {PROJECT_NAME} (no pyproject.toml naming it found above "
            f"{os.getcwd()}), and the autograder package was not installed from one")
    return root


def in_colab() -> bool:
    return "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ


def cache_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / PROJECT_NAME


def data_root() -> Path:
    """The folder that holds the course's data sets (see the module's docstring for the order)."""
    explicit = os.environ.get(DATA_VARIABLE)
    if explicit:
        return Path(explicit).expanduser().resolve()
    root = find_repo_root()
    if root is not None:
        return root / "data"
    if in_colab():
        return COLAB_DATA
    root = package_repo_root()
    if root is not None:
        return root / "data"
    return cache_dir() / "data"


def describe_data_root() -> str:
    """Which rule chose the data folder, in words (for the CLI and messages)."""
    if os.environ.get(DATA_VARIABLE):
        return f"${DATA_VARIABLE}"
    if find_repo_root() is not None:
        return "the course checkout around the current directory"
    if in_colab():
        return "Colab"
    if package_repo_root() is not None:
        return "the checkout the autograder package is installed from"
    return "the per-user cache"
