"""What the sandbox refuses is what student code does on purpose, not what torch, IPython or the
standard library do on its behalf: torch.manual_seed (torch's lazy CUDA seeding formats the stack),
printing a traceback, and a library loading one of the installation's own shared libraries
(torchvision's ops), a library reading its caller's frame are allowed; reaching frames (also through
a library, above the student's own), walking the stack, starting a process (multiprocessing's spawn
too) and loading a library from the scratch folder or through ctypes stay refused.

Each snippet runs as student code (compiled under a file name outside the trusted folders) in a
process whose audit hook is armed, as in the grader's child.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

RUNNER = textwrap.dedent('''
    import inspect, json, os, sys, tempfile, traceback
    import torch
    from autograder.grading import sandbox


    class lib:  # library code (this file's folder is trusted), called by the student's snippets
        @staticmethod
        def caller_name():  # as typing and namedtuple read their caller's module
            return sys._getframe(1).f_code.co_name

        @staticmethod
        def far(depth):  # a frame as far up as the student asks: the grader's
            return sys._getframe(depth)

        @staticmethod
        def stack():  # hands every frame up to the grader's to its caller
            return [info.frame for info in inspect.stack()]

    snippets = json.loads(sys.stdin.read())
    scratch, obs = tempfile.mkdtemp(), tempfile.mkdtemp()
    with open(os.path.join(scratch, "ops.so"), "wb") as f:
        f.write(b"not a shared library")
    here = os.path.dirname(os.path.abspath(__file__)) + os.sep
    ctl = sandbox.arm(scratch, obs, sandbox.trusted_prefixes() + (here,))
    results = {}
    for name, source in snippets.items():
        code = compile(source, "/student/cell.py", "exec")
        namespace = {"torch": torch, "SCRATCH": scratch, "lib": lib, "__name__": "__main__"}
        ctl["arm"](True)
        try:
            exec(code, namespace)
            outcome = "ok"
        except BaseException as exc:
            outcome = type(exc).__name__
        ctl["arm"](False)
        results[name] = {"outcome": outcome, "refusals": ctl["take"]()}
    print(json.dumps(results))
''')

try:
    import torchvision.extension as _tv_extension

    TORCHVISION_OPS = _tv_extension._get_extension_path("_C_stable")  # the name extension.py loads
except Exception:  # no torchvision, or one without compiled ops
    TORCHVISION_OPS = None

ALLOWED = {
    "manual_seed": "torch.manual_seed(0)\nx = torch.randn(3)",
    "print_exc": "import traceback\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n    traceback.print_exc()",
    "format_stack": "import traceback\nlines = traceback.format_stack()",
    "warnings": "import warnings\nwarnings.warn('careful', stacklevel=2)",
    "temporary_directory": ("import tempfile, os\nwith tempfile.TemporaryDirectory(dir=SCRATCH) as d:\n"
                            "    os.makedirs(os.path.join(d, 'a', 'b'))\n    torch.save(torch.ones(2), os.path.join(d, 'a', 'w.pt'))"),
    "dev_null": "import os\nwith open(os.devnull, 'w') as f:\n    print('quiet', file=f)",
    "hostname": "import socket\nname = socket.gethostname()",
    "library_caller_frame": "assert lib.caller_name() == '<module>'",
}
if TORCHVISION_OPS:
    ALLOWED["library_ops"] = f"torch.ops.load_library({TORCHVISION_OPS!r})"
REFUSED = {
    "currentframe": ("import inspect\nf = inspect.currentframe()", "reaching the interpreter's frames"),
    "getframe": ("import sys\nf = sys._getframe()", "reaching the interpreter's frames"),
    "walk_stack": ("import traceback\nframes = [f for f, _ in traceback.walk_stack(None)]",
                   "reaching the interpreter's frames"),
    "resolution_callback": ("import torch._jit_internal as j\nj.createResolutionCallbackFromFrame(3)('key')",
                            "reaching the interpreter's frames"),
    "scratch_library": ("import os\ntorch.ops.load_library(os.path.join(SCRATCH, 'ops.so'))", "ctypes.dlopen"),
    "ctypes": ("ctypes = torch.sys.modules['ctypes']\nctypes.CDLL(None)", "ctypes.dlopen"),
    "spawn_process": ("import torch.multiprocessing as mp\np = mp.get_context('spawn').Process(target=print)\np.start()",
                      "starting a process"),
    "remove_outside": ("import os\nfd = os.open('/', os.O_RDONLY)\nos.remove('etc/hostname', dir_fd=fd)",
                       "as a descriptor"),
    "remove_through_fd": ("import os, tempfile\nd = tempfile.mkdtemp(dir=SCRATCH)\nfd = os.open(d, os.O_RDONLY)\n"
                          "os.remove('../../../etc/hostname', dir_fd=fd)", "through a file descriptor"),
    "connect": ("import socket\nsocket.create_connection(('127.0.0.1', 9))", "no network"),
    "library_stack": ("frames = lib.stack()", "reaching the interpreter's frames"),
    "library_far_frame": ("f = lib.far(2)", "reaching the interpreter's frames"),
    "spoofed_frame_reader": ("__name__ = 'tensorflow.python.util.deprecation'\nimport inspect\n"
                             "def _call_location():\n    return inspect.currentframe()\nf = _call_location()",
                             "reaching the interpreter's frames"),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    runner = tmp_path_factory.mktemp("sandbox") / "runner.py"
    runner.write_text(RUNNER)
    snippets = {**ALLOWED, **{k: v for k, (v, _) in REFUSED.items()}}
    proc = subprocess.run([sys.executable, str(runner)], input=json.dumps(snippets), capture_output=True, text=True,
                          timeout=300, env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_what_libraries_do_on_a_students_behalf_is_allowed(outcomes, name):
    assert outcomes[name] == {"outcome": "ok", "refusals": []}, outcomes[name]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_student_code_does_on_purpose_is_refused(outcomes, name):
    got = outcomes[name]
    assert got["outcome"] != "ok" and any(REFUSED[name][1] in r for r in got["refusals"]), got
