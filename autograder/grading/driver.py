"""What the sandboxed child runs (docs/grading.md, "The split").

The child is forked from a fork server that has torch, IPython and the checking library loaded
and has generated the cases of every check call. It runs the notebook's code cells in order
with IPython's InteractiveShell. At an official test cell it runs nothing of the cell: for each
of the cell's `check("id", answer, ..., hidden=...)` calls (read from the official source by the
grading process) it looks up the student's answer (a function, a class, several parts) and
performs `observe(answer, cases)` itself, with the exercise's adapter and extras,
with the checking library's functions as they were before any student code ran (integrity.
freeze). The records are checked for plain types, `torch.save`d, signed and written to the
observation folder. The grading process verifies and judges them; nothing is decided here.

Everything else the grading process learns from the child (which cell started and ended, with
which refusals of the sandbox and which changes to the library) comes as signed lines on the
progress channel. Cell outputs are written unsigned: they are shown, never trusted.

This module's functions run as frozen clones (integrity.FROZEN): they call each other and
their imports through private copies of their globals.
"""
from __future__ import annotations

import copy
import gc
import io
import itertools
import json
import os
import sys
import time

import _signal
import torch

from ..checks import encode as encode_module
from ..checks.trace import Recorder
from . import sandbox, signing

_REAL_SYS = (sys,)  # the real module, where the driver assigns sys.stdout
_EXACT = {str: str.__str__, int: int.__int__, float: float.__float__, bool: bool, complex: complex.__complex__}
_Tensor = torch.Tensor
_NONE = type(None)


class CellTimeout(BaseException):
    """Raised in the student's code when the cell's time is up (a BaseException, so that an
    `except Exception` in student code does not swallow it)."""


class _Capture(io.TextIOBase):
    """stdout and stderr of a cell: the first `limit` characters, and a count of the rest."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size, self.dropped = limit, [], 0, 0

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            return 0
        s = str.__str__(s)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(s[:room])
        self.size += min(len(s), max(room, 0))
        self.dropped += max(len(s) - max(room, 0), 0)
        return len(s)

    def isatty(self):
        return False

    def text(self) -> str:
        out = "".join(self.parts)
        if self.dropped:
            out += f"\n... output truncated ({self.dropped} more characters) ...\n"
        return out


class _Guarded:
    """Wraps the checking library's Recorder: the library's objects are verified right before the
    student's function is called and right after it returns, before the recording is read."""

    def __init__(self, inner, before, after):
        self.inner, self.before, self.after = inner, before, after

    @property
    def trace(self):
        return self.inner.trace

    def __enter__(self):
        self.before()
        self.inner.__enter__()
        return self

    def __exit__(self, *exc):
        self.after()
        return self.inner.__exit__(*exc)


def _plain(x, depth=0):
    """`x` rebuilt from exact built-in types and exact tensors only: nothing a student defined
    can run while the observation is serialized."""
    t = type(x)
    if t in (_NONE,) or t is bool:
        return x
    if t in _EXACT:
        return x
    if isinstance(x, str):
        return str.__str__(x)
    if isinstance(x, int) and not isinstance(x, bool):
        return int.__int__(x)
    if isinstance(x, float):
        return float.__float__(x)
    if depth > 60:
        return {"kind": "too deep"}
    if t is dict:
        return {_plain(k, depth + 1): _plain(v, depth + 1) for k, v in dict.items(x)}
    if t is list or t is tuple:
        return t(_plain(v, depth + 1) for v in t.__iter__(x))
    if t is _Tensor:
        return x
    return {"kind": "other", "type": "unserializable"}


def _describe(exc) -> dict:
    """ename/evalue of a student's exception, as exact strings (its __str__ is the student's)."""
    name = type(exc).__name__
    try:
        value = str(exc)
        value = str.__str__(value) if isinstance(value, str) else ""
    except BaseException:
        value = "<the exception's message could not be read>"
    return {"ename": str.__str__(name)[:200], "evalue": value[:2000]}


def _answer(namespace: dict, names: list):
    """(what check("id", name, ...) would have been given, None) or (None, why not): one object
    for one name, a tuple of them for several."""
    found = []
    for dotted in names:
        obj, missing = _lookup(namespace, dotted)
        if missing is not None:
            return None, missing
        found.append(obj)
    return (found[0] if len(found) == 1 else tuple(found)), None


def _lookup(namespace: dict, dotted: str):
    """(the object named `dotted` in the student's namespace, None) or (None, why not)."""
    parts = dotted.split(".")
    if not dict.__contains__(namespace, parts[0]):
        return None, f"{parts[0]} is not defined"
    obj = dict.__getitem__(namespace, parts[0])
    for p in parts[1:]:
        try:
            obj = getattr(obj, p)
        except BaseException:
            return None, f"{dotted} is not defined"
    return obj, None


def _write_file(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


# ---- the child, in steps -----------------------------------------------------------------------
#
# child_main is a sequence of named steps. The key lives only in their frames and in the closures
# they return (nothing student code can reach): no object of the driver's holds it.
#
#   load_job         job.json, and one set of cases per check call
#   confine          the OS layer: namespaces, rlimits, cwd, a clean environment
#   open_channel     `send`: signed progress lines to the grading process
#   make_timer       the per-cell SIGALRM timer
#   arm_sandbox      the audit hook and guards; from here on student code is watched
#   cell_runners     run_code (a code cell) and run_test (the observations of a test cell)

def child_main(request: dict, key: bytes, progress_fd: int, ctx: dict) -> None:
    """Run one job. Never returns: the child ends with os._exit."""
    job, cases_for = load_job(request, ctx)
    held = confine(request)
    send = open_channel(key, bytes.fromhex(request["nonce"]), progress_fd)
    timer = make_timer(request["timeout"])
    ctl, sink = arm_sandbox(request, ctx, timer, send, held)
    run_code, run_test = cell_runners(request, job, key, ctx, ctl, timer, send, sink, cases_for)
    for cell in job["cells"]:
        if cell["kind"] == "skip":
            continue
        send({"t": "start", "cell": cell["index"]})
        if cell["kind"] == "test":
            run_test(cell)
        else:
            run_code(cell)
    send({"t": "done"})
    os._exit(0)


def load_job(request: dict, ctx: dict):
    """(job.json, check seq -> its cases): a set of cases used twice gets its own copy, made now."""
    with open(os.path.join(request["job"], "job.json")) as f:
        job = json.load(f)
    uses: dict = {}
    cases_for = {}
    for chk in job["checks"]:
        k = (chk["exercise"], chk["seed"], chk["hidden"])
        base = ctx["cases"][k]
        cases_for[chk["seq"]] = base if k not in uses else copy.deepcopy(base)
        uses[k] = True
    return job, cases_for


def confine(request: dict) -> list[str]:
    """The OS layer (sandbox.py): what holds, in words."""
    scratch, obs = _folders(request)
    held = []
    if request.get("isolate", True):
        held = sandbox.isolate([scratch, obs], network=request.get("network", True), mounts=request.get("mounts", True),
                               hidden=tuple(request.get("private", ())))
    sandbox.set_limits(request.get("memory"), request.get("cpu"), request.get("file_size"))
    os.chdir(scratch)
    sandbox.clean_environment(scratch, data=request.get("data"))
    torch.set_num_threads(1)
    return held


def _folders(request: dict) -> tuple[str, str]:
    return os.path.join(request["job"], "scratch"), os.path.join(request["job"], "obs")


def open_channel(key: bytes, nonce: bytes, progress_fd: int):
    """`send(message)`: one signed line on the progress channel."""
    counter = itertools.count()
    monotonic, line = time.monotonic, signing.line

    def send(message: dict) -> None:
        try:
            message["clock"] = monotonic()
            data = line(key, nonce, next(counter), message)
            view = memoryview(data)
            while view:
                view = view[os.write(progress_fd, view):]
        except OSError:
            pass  # the channel was closed by student code: the observation files still speak
    return send


def make_timer(seconds: float) -> dict:
    """The per-cell timer: SIGALRM raises CellTimeout in whatever code runs when time is up."""
    monotonic, setitimer = time.monotonic, _signal.setitimer
    state = {"deadline": None, "fired": False}

    def on_alarm(signum, frame):
        deadline = state["deadline"]
        if deadline is None:
            return
        left = deadline - monotonic()
        if left > 0.005:
            setitimer(_signal.ITIMER_REAL, left)
            return
        state["fired"] = True
        raise CellTimeout(f"the cell ran for more than {seconds:g} s")

    def start():
        state["deadline"], state["fired"] = monotonic() + seconds, False
        setitimer(_signal.ITIMER_REAL, seconds)

    def stop():
        state["deadline"] = None
        setitimer(_signal.ITIMER_REAL, 0)

    def out_of_time() -> bool:
        return state["fired"] or (state["deadline"] is not None and monotonic() >= state["deadline"])

    def fire():
        state["fired"] = True

    def fired() -> bool:
        return state["fired"]

    return {"on_alarm": on_alarm, "start": start, "stop": stop, "out_of_time": out_of_time, "fire": fire,
            "fired": fired}


_NO_INPUT = """
def input(prompt=""):
    print(prompt, end="")
    print("(no keyboard while grading: input() returned an empty string)")
    return ""
"""


def arm_sandbox(request: dict, ctx: dict, timer: dict, send, held: list[str]):
    """The audit hook and guards (sandbox.arm), our SIGALRM handler, output captured, input()
    answered: (the controller, the sink that takes output between cells)."""
    scratch, obs = _folders(request)
    trusted = ctx["trusted"]
    for root in (scratch, obs):  # code written there would count as the library's
        if (os.path.realpath(root).rstrip(os.sep) + os.sep).startswith(trusted):
            raise SystemExit("the job folder lies inside a trusted folder")
    # Student code has no keyboard: input() prints its prompt and gets "" (a function made in a
    # namespace of its own: nothing of the driver's is reachable from it).
    namespace = {"__builtins__": {"print": print}}
    exec(_NO_INPUT, namespace)
    ctx["shell"].user_ns["input"] = namespace["input"]
    ctl = sandbox.arm(scratch, obs, trusted, tuple(request.get("private", ())) + (os.path.dirname(request["job"]),))
    ctx["snapshot"].rebase(sandbox.PATCHED)
    _signal.signal(_signal.SIGALRM, timer["on_alarm"])  # before the guard is armed: our own handler
    sink = _Capture(0)
    real_sys = _REAL_SYS[0]
    real_sys.stdout = real_sys.stderr = sink
    send({"t": "ready", "isolation": held, "pid": os.getpid()})
    ctl["arm"]()
    return ctl, sink


def cell_runners(request, job, key, ctx, ctl, timer, send, sink, cases_for):
    """(run_code, run_test): a code cell run with IPython; a test cell's check calls observed."""
    real_sys = _REAL_SYS[0]
    nonce = bytes.fromhex(request["nonce"])
    scratch, obs = _folders(request)
    shell, snapshot, observe, probes = ctx["shell"], ctx["snapshot"], ctx["observe"], ctx["probes"]
    user_ns, run_cell = shell.user_ns, shell.run_cell
    dumps = encode_module.dumps
    seal = signing.seal
    changes = snapshot.changes
    block, alarm_mask = _signal.pthread_sigmask, {_signal.SIGALRM}
    gc_disable, gc_enable = gc.disable, gc.enable
    checks = {chk["seq"]: chk for chk in job["checks"]}
    start_timer, stop_timer, out_of_time, fire, fired = (timer[k] for k in ("start", "stop", "out_of_time", "fire", "fired"))

    def enter_window():
        gc_disable()
        ctl["window"](True)

    def leave_window():
        ctl["window"](False)
        gc_enable()

    def problems_now() -> list[str]:
        """Changes to the library since the last look (repaired) and the sandbox's refusals."""
        return [f"changed: {c}" for c in changes(repair=True)] + [f"refused: {r}" for r in ctl["take"]()]

    def emit(path_name: str, data: bytes) -> None:
        ctl["writing"](True)
        try:
            _write_file(os.path.join(obs, path_name), data)
        finally:
            ctl["writing"](False)

    # ---- one code cell --------------------------------------------------------------------------
    def run_code(cell):
        official = cell["kind"] != "student"
        ctl["official"](official)
        capture = _Capture(request["output_limit"])
        real_sys.stdout = real_sys.stderr = capture
        err = None
        start_timer()
        try:
            result = run_cell(cell["source"], store_history=True)
            err = result.error_before_exec or result.error_in_exec
        except BaseException as exc:  # a timeout that struck in IPython's own code
            err = exc
        stop_timer()
        real_sys.stdout = real_sys.stderr = sink
        timed_out = fired() or isinstance(err, CellTimeout)
        error = _describe(err) if err is not None else None
        text = capture.text()
        block(_signal.SIG_BLOCK, alarm_mask)
        enter_window()
        if isinstance(err, MemoryError):
            # What the cell holds stays held (its names are the notebook's), and the next cells
            # would fail for want of memory, or abort in C++ (TensorFlow): this run ends here, as
            # a crash does, and the grader runs the notebook again without this cell.
            emit(f"cell-{cell['index']}.json", json.dumps({"stdout": text, "error": error}).encode())
            os._exit(sandbox.OUT_OF_MEMORY)
        try:
            problems = problems_now()
            status = "timeout" if timed_out else ("error" if err is not None else "ok")
            emit(f"cell-{cell['index']}.json", json.dumps({"stdout": text, "error": error}).encode())
            send({"t": "end", "cell": cell["index"], "status": status, "official": official,
                  "violations": problems, "error": error})
        finally:
            leave_window()
            block(_signal.SIG_UNBLOCK, alarm_mask)

    # ---- one test cell: observe each check call -------------------------------------------------
    def run_test(cell):
        ctl["official"](False)
        start_timer()
        for seq in cell["checks"]:
            if out_of_time():
                fire()
            observe_one(seq, checks[seq])
        stop_timer()
        send({"t": "end", "cell": cell["index"], "status": "ok", "official": False, "violations": [], "error": None})

    def observe_one(seq: int, chk: dict):
        found: list[str] = []
        status, records, missing = observe_answer(chk, cases_for[seq], found)
        block(_signal.SIG_BLOCK, alarm_mask)
        enter_window()
        try:
            if fired() and status == "observed":
                status = "timeout"
            found.extend(problems_now())
            plain = _plain(records) if status == "observed" else None
            found.extend(problems_now())
            if found and status == "observed":
                status = "compromised"
            body = {"status": status, "check": seq, "problems": found, "why": missing,
                    "records": plain if status == "observed" else None}
            payload = dumps(body)
            late = problems_now()
            if late:  # something changed while serializing: nothing of this observation is kept
                payload = dumps({"status": "compromised", "check": seq, "problems": found + late,
                                 "why": None, "records": None})
                status = "compromised"
            emit(f"{seq}.obs", seal(key, nonce, seq, payload))
            send({"t": "obs", "check": seq, "status": status})
        finally:
            leave_window()
            block(_signal.SIG_UNBLOCK, alarm_mask)

    def observe_answer(chk: dict, cases, found: list):
        """(status, records, why not): the observer run on the student's answer, the library
        looked at before, around and after each call."""
        if fired():
            return "timeout", None, None
        answer, missing = _answer(user_ns, chk["answer"])
        if missing is not None:
            return "missing", None, missing
        adapter, extras = probes.get(chk["exercise"], (None, None))

        def before():
            enter_window()
            found.extend(problems_now())
            if out_of_time():
                fire()
                raise CellTimeout("out of time")
            leave_window()

        def after():
            enter_window()
            found.extend(problems_now())

        def recorder():
            # Looked at before the Recorder is even made: it draws its secret sentinels then.
            enter_window()
            found.extend(problems_now())
            return _Guarded(Recorder(), before, after)

        enter_window()
        found.extend(problems_now())
        leave_window()
        try:
            return "observed", observe(answer, cases, recorder=recorder, adapter=adapter, extras=extras), None
        except CellTimeout:
            return "timeout", None, None
        except BaseException as exc:  # the observer itself was broken into
            return "compromised", None, f"the observation was interrupted ({_describe(exc)['ename']})"

    return run_code, run_test
