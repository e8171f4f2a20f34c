"""Colab: the notebooks' install lines never replace what Colab already ships.

A notebook opened in Colab runs its setup cell's `%pip install "pytorch-course @ git+..."`. pip
(upgrade strategy "only-if-needed", its default) keeps every installed package that satisfies the
requirement and replaces one that does not: a lower bound above Colab's version, an upper bound or
a pin below it, would download and install another torch, TensorFlow or Keras in the middle of
the session, and a torch built for another CUDA breaks torchvision. So:

- the course package's own requirements (pyproject.toml [project] dependencies), which the install
  line brings, are satisfied by the versions Colab ships (the table below), and are lower bounds only;
- TensorFlow and Keras are not requirements of the package at all (only of the `lab` extra, for a
  local JupyterLab): the install line never touches them, and the install lines name no extra;
- an install line for anything else in a setup cell (11's `tensorflow`) runs only when the module
  is missing (`find_spec(...) is None`) and asks for nothing Colab's versions do not satisfy;
- the `lab` extra (a local JupyterLab, never installed on Colab) asks for no framework newer than
  Colab's either: the notebooks are written against the same versions everywhere.

The table is Colab's pip freeze as Google publishes it; update it (and its date) when Colab moves.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from autograder.grading.restore import python_source
from nbtools import assignments, cell, read, solution_path, student_path

ROOT = Path(__file__).resolve().parents[1]

# What Colab's runtime ships, from googlecolab/backend-info, pip-freeze.gpu.txt at commit
# 4647a1df5425c1f7b244eb7378c55348fd0dd100 (the GPU runtime of late February 2026: its
# astropy-iers-data is 0.2026.2.23; Python 3.12). https://github.com/googlecolab/backend-info
COLAB_DATE = "2026-02"
COLAB = {
    "torch": "2.10.0+cu128",
    "torchvision": "0.25.0+cu128",
    "tensorflow": "2.19.0",
    "keras": "3.10.0",
    "tensorboard": "2.19.0",
    "tf-keras": "2.19.0",
    "numpy": "2.0.2",
    "matplotlib": "3.10.0",
}
FRAMEWORKS = {"torch", "torchvision", "tensorflow", "keras", "tensorboard"}
NEVER_A_DEPENDENCY = {"tensorflow", "tensorflow-cpu", "tensorflow-gpu", "keras", "tf-keras", "tf-nightly"}
TENSORFLOW_NAMES = NEVER_A_DEPENDENCY  # what a `tensorflow*` / keras requirement may be called


def pyproject() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def colab_conflicts(requirement: str, colab: dict[str, str] = COLAB) -> list[str]:
    """Why `requirement` would make pip replace a package Colab ships (empty: it would not).
    A requirement on a package the table does not list is left to the other checks."""
    req = Requirement(requirement)
    name = canonicalize_name(req.name)
    if name not in colab:
        return []
    if req.marker is not None and not req.marker.evaluate({"sys_platform": "linux", "platform_machine": "x86_64",
                                                           "python_version": "3.12", "extra": ""}):
        return []  # does not apply on Colab (Linux x86_64, Python 3.12)
    problems = []
    shipped = Version(colab[name])
    if not req.specifier.contains(shipped, prereleases=True):
        problems.append(f"{requirement!r} is not satisfied by Colab's {name} {shipped}: pip would replace it")
    for spec in req.specifier:
        if spec.operator not in (">=", ">"):
            problems.append(f"{requirement!r} has {spec.operator}{spec.version}: only lower bounds keep Colab's "
                            f"{name} when Colab moves on")
    return problems


def dependencies() -> list[str]:
    return list(pyproject()["project"]["dependencies"])


# ---- the checker itself can fail --------------------------------------------------------------------

@pytest.mark.parametrize("requirement, words", [
    ("torch>=99", "not satisfied by Colab's torch"),
    ("tensorflow>=2.20", "not satisfied by Colab's tensorflow 2.19.0"),
    ("keras>=3.11", "not satisfied"),
    ("tensorboard==2.14.1", "has ==2.14.1"),
    ("torchvision>=0.19,<0.25", "not satisfied"),
    ("numpy<3", "only lower bounds"),
])
def test_a_requirement_above_or_pinned_against_colab_is_caught(requirement, words):
    problems = colab_conflicts(requirement)
    assert problems and any(words in p for p in problems), problems


def test_lower_bounds_below_colab_pass():
    assert colab_conflicts("torch>=2.4") == []
    assert colab_conflicts("tensorflow>=2.16; sys_platform != 'linux' or platform_machine != 'x86_64'") == []
    assert colab_conflicts("some-package-colab-does-not-list>=99") == []


# ---- the package ----------------------------------------------------------------------------------

def test_the_packages_requirements_keep_what_colab_ships():
    problems = [p for r in dependencies() for p in colab_conflicts(r)]
    assert not problems, "\n".join(problems)


def test_the_packages_requirements_cover_the_frameworks_colab_ships():
    """torch, torchvision and tensorboard are the package's; each is held to the table above."""
    names = {canonicalize_name(Requirement(r).name) for r in dependencies()}
    assert {"torch", "torchvision", "tensorboard"} <= names
    assert names & set(COLAB), "nothing to check against Colab"


def test_tensorflow_and_keras_are_not_requirements_of_the_package():
    names = {canonicalize_name(Requirement(r).name) for r in dependencies()}
    assert not names & NEVER_A_DEPENDENCY, (
        f"{sorted(names & NEVER_A_DEPENDENCY)} in [project] dependencies: the Colab install line would "
        "install or replace TensorFlow/Keras; keep them in the `lab` extra")


def test_the_lab_extras_frameworks_are_not_newer_than_colabs():
    extras = pyproject()["project"]["optional-dependencies"]
    problems = [p for r in extras["lab"] if canonicalize_name(Requirement(r).name) in FRAMEWORKS
                for p in colab_conflicts(r)]
    tensorflow = [r for r in extras["lab"] if canonicalize_name(Requirement(r).name) in TENSORFLOW_NAMES]
    assert tensorflow, "the lab extra should bring TensorFlow for 11_pytorch_vs_tensorflow"
    for r in tensorflow:  # tensorflow-cpu (Linux x86_64) is not Colab's package name: check its bound too
        req = Requirement(r)
        problems += colab_conflicts(f"tensorflow{req.specifier}")
    assert not problems, "\n".join(problems)


# ---- the notebooks' setup cells ----------------------------------------------------------------------

PIP = re.compile(r"^\s*[%!]pip\s+install\s+(?P<args>.+)$")


def install_lines(source: str) -> list[tuple[str, list[str], str]]:
    """(line, requirements, the condition guarding it) for each `%pip install` line of a cell."""
    out, guards = [], []
    for line in source.splitlines():
        indent = len(line) - len(line.lstrip())
        guards = [(i, g) for i, g in guards if i < indent]
        m = re.match(r"\s*if (?P<cond>.+):\s*$", line)
        if m:
            guards.append((indent, m["cond"]))
        m = PIP.match(line)
        if m:
            args = [a for a in re.findall(r'"([^"]+)"|\'([^\']+)\'|(\S+)', m["args"])]
            reqs = [next(x for x in a if x) for a in args]
            reqs = [r for r in reqs if not r.startswith("-")]
            out.append((line.strip(), reqs, " and ".join(g for _, g in guards)))
    return out


def setup_cells():
    for assignment in assignments():
        for path in (solution_path(assignment), student_path(assignment)):
            if path.exists():
                yield f"{path.parent.name}/{path.name}", cell(read(path), "setup").source


def test_every_install_line_keeps_colabs_packages():
    seen = 0
    for where, source in setup_cells():
        for line, reqs, guard in install_lines(source):
            seen += 1
            for req in reqs:
                parsed = Requirement(req)
                name = canonicalize_name(parsed.name)
                if name == "pytorch-course":
                    assert not parsed.extras, f"{where}: {line}: an extra ({parsed.extras}) would install " \
                                              "TensorFlow beside Colab's"
                    assert 'find_spec("autograder") is None' in guard, f"{where}: {line} runs unconditionally"
                    continue
                module = "tensorflow" if name in TENSORFLOW_NAMES else name.replace("-", "_")
                assert f'find_spec("{module}") is None' in guard, \
                    f"{where}: {line} is not guarded by find_spec({module!r}) is None: it would run on Colab"
                problems = colab_conflicts(req)
                assert not problems, f"{where}: " + "\n".join(problems)
            compile(python_source(source), where, "exec")  # the cell is still Python once the magics are removed
    assert seen, "no install line found in any setup cell"


def test_11s_setup_installs_tensorflow_only_where_it_is_missing_and_imports_it_after_the_course():
    source = cell(read(solution_path("11_pytorch_vs_tensorflow")), "setup").source
    lines = install_lines(source)
    assert any("tensorflow" in r for _, reqs, _ in lines for r in reqs)
    tree = ast.parse(python_source(source))
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    order = [(n.lineno, (n.module if isinstance(n, ast.ImportFrom) else n.names[0].name)) for n in imports]
    first = {name: line for line, name in sorted(order, reverse=True)}
    assert first["autograder"] < first["tensorflow"], "import the course package before TensorFlow (compat.py)"
    assert "TF_CPP_MIN_LOG_LEVEL" in source and source.index("TF_CPP_MIN_LOG_LEVEL") < source.index("import tensorflow")
