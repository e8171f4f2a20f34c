"""TensorFlow and triton in one process (autograder/compat.py): no import order kills it.

TensorFlow >= 2.20 puts its LLVM into the process's global symbols; triton imported after it
segfaults (`python -c "import tensorflow; import triton"` exits 139), and torch imports triton
whenever it enters a TorchDispatchMode, touches a meta tensor or compiles. TensorBoard brings
TensorFlow in (`from torch.utils.tensorboard import SummaryWriter`, and its EventAccumulator
when it reads). Each order is run in a fresh process, since the crash is the process's:
- plain subprocesses: TensorFlow (with the refusal mode, AUTOGRADER_TRITON=block, then the
  default), TensorBoard or the library first, each running real checks, a dispatch mode,
  torch.compile and a TensorBoard write and read-back;
- a Jupyter kernel, both orders, through nbclient;
- the grader: a submission whose solution cells import torch.utils.tensorboard and then enter
  a dispatch mode.
TensorFlow's import costs seconds: the subprocesses run at once, and every process covers as
much as it can.
"""
from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
import sys

import nbformat
import pytest

from autograder.grading.demo import dumps, solutions_of, submission_from
from grading_support import ROOT, by_student, grade_json, official

pytestmark = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("tensorflow", "triton", "tensorboard")),
    reason="the hazard needs TensorFlow, triton and tensorboard installed")

PASSED = "✓ {}: all"  # how check() announces a pass

# The exercises the processes check: to_device's visible checks run on the meta device (the first
# meta op imports torch._dynamo, hence triton); pairwise_sq_dists' trace the ops it runs.
EXERCISES = ("to_device", "pairwise_sq_dists")

PREAMBLE = """\
import json, os, sys, tempfile
from collections import namedtuple
import numpy as np
"""

# Everything a process does once both TensorFlow and the library are in: checks, a dispatch mode
# of the student's own, torch.compile (dynamo; the eager backend, so that no C++ compiler runs),
# a TensorBoard write read back with tensorboard's own reader. Prints one JSON line.
BODY = """\
import torch
from torch.utils._python_dispatch import TorchDispatchMode
from autograder import compat

class Ops(TorchDispatchMode):
    def __init__(self):
        super().__init__()
        self.seen = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.seen.append(str(func.overloadpacket))
        return func(*args, **(kwargs or {{}}))

{solutions}
for name in {exercises!r}:
    check(name, globals()[name])

with Ops() as ops:
    torch.ones(2, 3) @ torch.ones(3, 2)
compiled = torch.compile(lambda t: t.sin() + 1, backend="eager")
value = compiled(torch.zeros(3)).tolist()

from torch.utils.tensorboard import SummaryWriter
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
logdir = tempfile.mkdtemp(prefix="tb-")
writer = SummaryWriter(logdir)
for step in range(3):
    writer.add_scalar("loss", 1.0 / (step + 1), step)
writer.close()
events = EventAccumulator(logdir)
events.Reload()
with Ops() as again:  # TensorBoard's reader has imported TensorFlow by now: a dispatch mode again
    torch.zeros(1, device="meta") + 1

libtriton = sys.modules.get(compat.EXTENSION)
try:
    import triton  # noqa: F401
    triton_error = None
except ImportError as exc:
    triton_error = str(exc)
print("RESULT " + json.dumps({{
    "ops": ops.seen, "again": again.seen, "compiled": value,
    "scalars": [(e.step, round(e.value, 4)) for e in events.Scalars("loss")],
    "loader": type(libtriton.__loader__).__name__ if libtriton else None,
    "llvm_global": compat.llvm_in_global_scope(), "llvm_global_before": LLVM_BEFORE,
    "tensorflow": "tensorflow" in sys.modules, "triton_error": triton_error,
    "facts": globals().get("FACTS"),
}}))
"""

# What comes before BODY, per order. LLVM_BEFORE: was an LLVM in the global scope before triton
# came in (what decides whether the guard had to load libtriton with RTLD_DEEPBIND)?
ORDERS = {
    # TensorFlow first, then the library: the guard finds an LLVM already global.
    "tensorflow-first": """\
import tensorflow as tf
from autograder import compat
LLVM_BEFORE = compat.llvm_in_global_scope() and compat.EXTENSION not in sys.modules
from autograder import check
""",
    # The notebook of issue 8: SummaryWriter imported before the library.
    "tensorboard-first": """\
from torch.utils.tensorboard import SummaryWriter
from autograder import compat
LLVM_BEFORE = compat.llvm_in_global_scope() and compat.EXTENSION not in sys.modules
from autograder import check
""",
    # The package first (`import autograder` installs the guard and loads nothing else), then
    # TensorFlow, then the checking library (`from autograder import check`, which loads it and
    # its warm-up: in a notebook's setup cell that comes before any TensorFlow).
    "library-first": """\
import autograder
from autograder import compat
LLVM_BEFORE = compat.llvm_in_global_scope()
FACTS = {"triton after import autograder": compat.EXTENSION in sys.modules}
import tensorflow as tf
FACTS["triton after import tensorflow"] = compat.EXTENSION in sys.modules
print("tensorflow", tf.__version__, float(tf.reduce_sum(tf.ones(3))))
from autograder import check
""",
}


def _solutions() -> str:
    sources = solutions_of(official(ROOT, "01_tensors"))
    return "\n\n".join(sources[name] for name in EXERCISES)


def _script(order: str) -> str:
    return PREAMBLE + ORDERS[order] + BODY.format(solutions=_solutions(), exercises=EXERCISES)


def _env(**extra: str) -> dict:
    path = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])  # this checkout's package
    return {**os.environ, "OMP_NUM_THREADS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0",
            "AUTOGRADER_SEED": "7", "PYTHONPATH": path, **extra}


# The refusal mode and the default share one process (TensorFlow's import is the dear part):
# first AUTOGRADER_TRITON=block, BODY runs without triton; then the default again, and triton,
# never dlopen'd so far, comes in through the guard's RTLD_DEEPBIND.
THEN_ALLOWED = """\
os.environ["AUTOGRADER_TRITON"] = "auto"
import triton
with Ops() as late:
    torch.ones(1) + 1
print("LATE " + json.dumps({"loader": type(sys.modules[compat.EXTENSION].__loader__).__name__,
                            "late": late.seen}))
"""

RUNS = {  # run id -> (order, extra environment, what follows BODY)
    "tensorflow-first": ("tensorflow-first", {"AUTOGRADER_TRITON": "block"}, THEN_ALLOWED),
    "tensorboard-first": ("tensorboard-first", {}, ""),
    "library-first": ("library-first", {}, ""),
}


@pytest.fixture(scope="module")
def processes(tmp_path_factory):
    """Every run of RUNS in its own interpreter, all at once. id -> (returncode, stdout, stderr)."""
    folder = tmp_path_factory.mktemp("orders")
    started = {}
    for i, (run_id, (order, extra, epilogue)) in enumerate(RUNS.items()):
        script = folder / f"run{i}.py"
        script.write_text(_script(order) + epilogue)
        started[run_id] = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=_env(**extra),
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {}
    for run_id, proc in started.items():
        try:
            out, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        results[run_id] = (proc.returncode, out, err)
    return results


def _result(processes, run_id) -> tuple[str, dict]:
    code, out, err = processes[run_id]
    assert code == 0, \
        f"{run_id}: the process exited with {code} (-11/139 is the segfault)\n{out[-2000:]}\n{err[-3000:]}"
    lines = [ln for ln in out.splitlines() if ln.startswith("RESULT ")]
    assert lines, f"{run_id}: no result line\n{out[-2000:]}\n{err[-2000:]}"
    return out, json.loads(lines[-1][len("RESULT "):])


def _common(out: str, result: dict) -> None:
    for name in EXERCISES:
        assert PASSED.format(name) in out, out
    assert "aten.mm" in result["ops"] and "aten.add" in result["again"], result
    assert result["compiled"] == [1.0, 1.0, 1.0]
    assert result["scalars"] == [[0, 1.0], [1, 0.5], [2, 0.3333]]
    assert result["tensorflow"]


@pytest.mark.parametrize("run_id", ["tensorboard-first", "library-first"])
def test_order_runs_checks_dispatch_modes_and_tensorboard(processes, run_id):
    out, result = _result(processes, run_id)
    _common(out, result)
    assert result["triton_error"] is None  # triton works in either order
    # libtriton was loaded with RTLD_DEEPBIND exactly when an LLVM was global before it came in.
    assert result["loader"] == ("_DeepBindLoader" if result["llvm_global_before"] else "ExtensionFileLoader"), result


def test_library_first_loads_triton_just_before_tensorflow(processes):
    """`import autograder` loads nothing; `import tensorflow` after it gets triton loaded first,
    the ordinary way (not RTLD_DEEPBIND)."""
    _, result = _result(processes, "library-first")
    assert result["facts"] == {"triton after import autograder": False, "triton after import tensorflow": True}
    assert not result["llvm_global_before"] and result["loader"] == "ExtensionFileLoader"


def test_tensorflow_first_refused_triton_then_deepbind(processes):
    """AUTOGRADER_TRITON=block: triton refused with a clean ImportError, torch (checks on the meta
    device, dispatch modes, torch.compile, TensorBoard) works without it. Then the default mode,
    in the same process: triton loads with RTLD_DEEPBIND and a dispatch mode still works."""
    out, result = _result(processes, "tensorflow-first")
    _common(out, result)
    late = json.loads([ln for ln in out.splitlines() if ln.startswith("LATE ")][-1][len("LATE "):])
    assert "aten.add" in late["late"]
    if result["llvm_global_before"]:  # TensorFlow still exports its LLVM: the guard had work to do
        assert result["loader"] is None
        assert "TensorFlow" in result["triton_error"] and "SIGSEGV" in result["triton_error"]
        assert late["loader"] == "_DeepBindLoader"
    else:  # a TensorFlow that keeps its LLVM to itself: nothing to refuse
        assert result["triton_error"] is None


# ---- a Jupyter kernel ---------------------------------------------------------------------------

KERNEL_CELLS = {
    "tensorboard-first": [
        "from torch.utils.tensorboard import SummaryWriter\nfrom autograder import check",
        "import torch\nfrom collections import namedtuple\nimport numpy as np\n\n{solutions}",
        "check('to_device', to_device)\ncheck('pairwise_sq_dists', pairwise_sq_dists)",
        "{dispatch}",
    ],
    "library-first": [
        "import torch\nfrom collections import namedtuple\nimport numpy as np\nfrom autograder import check",
        "{solutions}\n\ncheck('to_device', to_device)",
        "from torch.utils.tensorboard import SummaryWriter\nimport tensorflow as tf\n"
        "print(float(tf.reduce_sum(tf.ones(3))))",
        "check('pairwise_sq_dists', pairwise_sq_dists)\n\n{dispatch}",
    ],
}

KERNEL_DISPATCH = """\
from torch.utils._python_dispatch import TorchDispatchMode

class Ops(TorchDispatchMode):
    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        print("op:", func.overloadpacket)
        return func(*args, **(kwargs or {}))

with Ops():
    torch.ones(2, 2) @ torch.ones(2, 2)
writer = SummaryWriter("runs")
writer.add_scalar("loss", 0.5, 1)
writer.close()
print("compiled:", torch.compile(lambda t: t.cos(), backend="eager")(torch.zeros(2)).tolist())"""


@pytest.mark.parametrize("order", list(KERNEL_CELLS))
def test_notebook_kernel_survives_both_orders(tmp_path, python_kernel, order):
    import nbtools

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src.format(solutions=_solutions(), dispatch=KERNEL_DISPATCH))
                for src in KERNEL_CELLS[order]]
    path = tmp_path / f"{order}.ipynb"
    nbformat.write(nb, path)
    old = os.environ.get("TF_CPP_MIN_LOG_LEVEL")
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    try:  # a dead kernel raises DeadKernelError; an error in a cell, CellExecutionError
        executed, _ = nbtools.execute(path, kernel_name=python_kernel, timeout=120)
    finally:
        if old is None:
            os.environ.pop("TF_CPP_MIN_LOG_LEVEL", None)
        else:
            os.environ["TF_CPP_MIN_LOG_LEVEL"] = old
    text = "\n".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", [])
                     if o.get("output_type") == "stream")
    for name in EXERCISES:
        assert PASSED.format(name) in text, text
    assert "op: aten.mm" in text and "compiled: [1.0, 1.0]" in text, text
    assert list((tmp_path / "runs").glob("events.out.tfevents.*")), "SummaryWriter wrote no event file"


# ---- the grader ---------------------------------------------------------------------------------

# Solution cells of 01_tensors with something in front. The first brings TensorBoard (and so
# TensorFlow) into the child and reports what the process has mapped; the next enter dispatch
# modes after it: FlopCounterMode (public API, a TorchDispatchMode) and a meta-device op.
GRADER_CELLS = {
    "pm_one_targets": '''\
try:
    from torch.utils.tensorboard import SummaryWriter
except Exception as exc:
    print("tensorboard import:", type(exc).__name__, exc)
maps = open("/proc/self/maps").read()
print("libtensorflow_framework mapped:", "libtensorflow_framework" in maps, "libtriton mapped:", "libtriton" in maps)
''',
    "as_image_batch": '''\
from torch.utils.flop_counter import FlopCounterMode
with FlopCounterMode(display=False) as flops:
    torch.ones(4, 4) @ torch.ones(4, 4)
print("flops:", flops.get_total_flops())
''',
    "flatten_batch": '''\
on_meta = torch.ones(2, device="meta") * 2
print("meta:", tuple(on_meta.shape))
''',
}
SANDBOX_NOTE = "the grader's sandbox refused or undid something"


def test_grader_child_survives_tensorboard_then_dispatch_mode(tmp_path):
    nb = official(ROOT, "01_tensors")
    solutions = solutions_of(nb)
    sources = {name: prefix + solutions[name] for name, prefix in GRADER_CELLS.items()}
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "tb_01_tensors.ipynb").write_bytes(dumps(submission_from(nb, sources)))
    out = tmp_path / "out"
    rows = grade_json(str(folder), "--course", str(ROOT), "--no-gradebook", "--out", str(out), "--seed", "5",
                      "--timeout", "60", "--jobs", "1", env={"TF_CPP_MIN_LOG_LEVEL": "3"})
    graded = by_student(rows)["tb"]
    for name, row in graded.items():  # nothing crashed: every exercise passed or carries a note
        assert "signal" not in row["message"] and "kernel exited" not in row["message"], row
        if name in GRADER_CELLS:
            assert row["status"] == "passed" or SANDBOX_NOTE in row["message"], row
        else:
            assert row["status"] == "passed", row
    assert graded["flatten_batch"]["status"] == "passed", graded["flatten_batch"]
    with sqlite3.connect(out / "results.sqlite") as db:
        result = json.loads(db.execute("SELECT result FROM results").fetchone()[0])
    printed = "\n".join(o["stdout"] for o in result["outputs"].values())
    # TensorFlow's library is in the child (the hazard), triton was there before it (the guard),
    # and the dispatch modes after it ran.
    assert "libtensorflow_framework mapped: True libtriton mapped: True" in printed, printed
    assert "flops: 128" in printed and "meta: (2,)" in printed, printed
