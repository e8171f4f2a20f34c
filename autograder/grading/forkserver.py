"""One fork server per grading worker, and the client the worker talks to it with.

Importing torch, IPython and matplotlib costs seconds; forking a process that already has them
costs milliseconds. The server (`python -m autograder.grading.forkserver`) imports everything
once, freezes the observer (integrity.freeze), takes the integrity snapshot, and then for each
job forks a fresh child that runs driver.child_main. No student code ever runs in the server:
every submission gets its own child, and dies with it.

Protocol, one JSON object per line:
  worker -> server: {"job": dir, "key": hex, "nonce": hex, "cases": [{"key", "path", "digest"}],
                     "timeout": s, "memory": bytes, ...}
  server -> worker: {"event": "ready"} once; then per job {"event": "started", "pid"},
                    {"event": "line", "line": ...} for each line the child wrote on its progress
                    channel (signed by the driver; the worker verifies), {"event": "exit", "status"}.
The key travels only on this pipe and in the child's driver frame.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

MAX_LINE = 1 << 20

# Modules too heavy for the fork server every assignment shares (TensorFlow: 3 s and 550 MB, and
# `torch.utils.tensorboard` imports it): an assignment whose official notebook imports one of them
# is graded by servers that preload them, and the others never load them. They must be imported
# before the sandbox: TensorFlow inspects frames and loads shared libraries while it is imported.
APART = ("tensorflow", "keras", "torch.utils.tensorboard")


def preload_for(sources) -> tuple[str, ...]:
    """The modules of APART that the code cells `sources` import (a cell that does not parse
    imports nothing)."""
    import ast

    from .restore import python_source

    found = set()
    for source in sources:
        try:
            tree = ast.parse(python_source(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                found |= {m for m in APART if name == m or name.startswith(m + ".")}
    return tuple(sorted(found))


# ---- the server ---------------------------------------------------------------------------------

def _preload(extra: tuple[str, ...] = ()):
    """Everything a child needs, imported and warmed up once; `extra`: modules of APART."""
    from autograder import compat  # triton before anything that may bring TensorFlow in: a child
    compat.load_triton_first()  # importing tensorboard then entering a dispatch mode cannot crash
    import matplotlib

    matplotlib.use("Agg")
    import torch

    torch.set_num_threads(1)  # before any parallel region: OpenMP is not fork-safe once started
    import matplotlib.pyplot  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    import autograder.checks  # noqa: F401  (warms torch._dynamo up)
    from autograder import exercises
    from autograder.checks import encode, observe, trace  # noqa: F401
    from autograder.grading import driver, integrity, sandbox, signing  # noqa: F401

    exercises.load_all()
    _import_course_modules()
    _import_apart(extra)
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    config.InteractiveShell.autoindent = False
    shell = InteractiveShell.instance(config=config)
    return shell


def _import_course_modules() -> None:
    """Every module of the autograder package a notebook's setup cell may import (autograder.data
    and what it needs): imported here, before the sandbox, not in each child."""
    import importlib
    import pkgutil

    import autograder

    for info in pkgutil.iter_modules(autograder.__path__, "autograder."):
        if info.name in ("autograder.__main__", "autograder.cli"):
            continue
        try:
            importlib.import_module(info.name)
        except Exception:
            pass
    # What autograder.data imports when a notebook calls mnist(): torchvision registers its C++
    # ops (ctypes) and wraps functions for torch.fx (frame introspection) while it is imported,
    # which the sandbox would take for the student's doing. Imported here, it costs no child
    # anything (about a second each otherwise).
    for name in ("torchvision", "torchvision.datasets", "torchvision.transforms"):
        try:
            importlib.import_module(name)
        except Exception:
            break


def _import_apart(names: tuple[str, ...]) -> None:
    """Modules of APART, imported but not used: no TensorFlow op runs here, so none of its thread
    pools exists yet when a child is forked (each child starts its own). SummaryWriter writes
    through a thread of its own, which the sandbox refuses: it gets tensorboard's writer that
    writes in the calling thread, same files (checks/probes/events.py)."""
    import importlib

    for name in names:
        if name not in APART:
            raise ValueError(f"{name} is not a module the fork server preloads apart")
        importlib.import_module(name)
    if "tensorflow" in sys.modules:  # one thread per pool, as torch: a child is one worker's share
        tf_threading = sys.modules["tensorflow"].config.threading
        tf_threading.set_intra_op_parallelism_threads(1)
        tf_threading.set_inter_op_parallelism_threads(1)
    if "torch.utils.tensorboard" in names:
        import torch.utils.tensorboard.writer as writer

        from autograder.checks.probes.events import ThreadFreeEventFileWriter

        writer.EventFileWriter = ThreadFreeEventFileWriter


def _sample_observation():
    """One observation with the gradient path, serialized and signed: what `discover` watches."""
    import torch

    from autograder.checks.encode import dumps
    from autograder.checks.observe import observe
    from autograder.checks.spec import Case
    from autograder.grading import signing

    x = torch.linspace(-1, 1, 6).reshape(2, 3)
    cases = [Case((x.clone(), 2.0), grad_args=(0,), grad_output=torch.ones(2, 3)),
             Case((x.clone().double(), 2.0), grad_args=(0,), grad_output=torch.ones(2, 3, dtype=torch.float64)),
             Case((x.clone(), 3.0), label="raises")]
    if "gradcheck" in Case.__dataclass_fields__:  # the float64 gradcheck's lazy imports, paid here
        cases[1].gradcheck = True

    def fn(t, s):
        if s == 3.0:
            raise ValueError("sample")
        return (t * s).tanh()

    records = observe(fn, cases)
    payload = dumps({"status": "observed", "records": records})
    signing.seal(b"k" * 32, b"n" * 16, 0, payload)
    signing.line(b"k" * 32, b"n" * 16, 0, {"t": "sample", "x": [1, "a"]})
    json.dumps({"stdout": "", "error": None})


def serve(extra: tuple[str, ...] = ()) -> None:
    from autograder.grading import integrity, sandbox

    sandbox.die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C reaches the grader; it stops us
    shell = _preload(extra)
    for _ in range(2):  # the first run pays lazy imports; the second is what steady state looks like
        _sample_observation()
    modules = integrity.discover(_sample_observation) | set(integrity.ALWAYS) | integrity.course_modules()
    frozen = integrity.freeze()
    integrity.make_immutable()
    import torch

    cache: dict[str, object] = {}
    from autograder.checks import registry

    probes = {ex.id: (ex.adapter, ex.extras) for ex in registry.load_all().values()}  # before any student code
    ctx = {"shell": shell, "snapshot": integrity.Snapshot(modules), "cases": cache, "probes": probes,
           "observe": frozen["autograder.checks.observe"].observe,
           "trusted": sandbox.trusted_prefixes()}
    child_main = frozen["autograder.grading.driver"].child_main
    with open(f"/proc/{os.getpid()}/statm") as f:
        mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _send({"event": "ready", "pid": os.getpid(), "mapped": mapped})

    buf = b""
    frozen_once = False
    while True:
        while b"\n" not in buf:
            chunk = os.read(0, 1 << 16)
            if not chunk:
                return  # the worker is gone
            buf += chunk
        raw, buf = buf.split(b"\n", 1)
        request = json.loads(raw)
        del raw
        if request.get("stop"):
            return
        try:
            loaded = False
            for spec in request["cases"]:
                if spec["key"] not in cache:
                    data = open(spec["path"], "rb").read()
                    if hashlib.sha256(data).hexdigest() != spec["digest"]:
                        raise ValueError(f"the cases file {spec['path']} does not match its digest")
                    import io
                    cache[spec["key"]] = torch.load(io.BytesIO(data), weights_only=False)
                    loaded = True
            if loaded:  # loading may import modules lazily: look again at a pristine state
                ctx["snapshot"] = integrity.Snapshot(modules)
            ctx["cases"] = {(c["exercise"], c["seed"], c["hidden"]): cache[c["key"]] for c in request["cases"]}
        except Exception as exc:
            _send({"event": "exit", "status": None, "error": f"{type(exc).__name__}: {exc}"})
            continue
        key = bytes.fromhex(request.pop("key"))
        if loaded or not frozen_once:
            gc.collect()
            gc.freeze()  # children's collections then leave the server's objects (and their pages) alone
            frozen_once = True
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_end)
                sandbox.die_with_parent()
                os.setsid()
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                os.closerange(3, write_end)
                os.closerange(write_end + 1, 65536)
                child_main(request, key, write_end, ctx)
            finally:
                os._exit(70)
        del key
        os.close(write_end)
        _send({"event": "started", "pid": pid})
        _relay(read_end, pid)


def _relay(fd: int, pid: int) -> None:
    pending = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                if raw.strip() and len(raw) < MAX_LINE:
                    _send({"event": "line", "line": raw.decode("latin-1")})
            if len(pending) > MAX_LINE:
                pending = b""
        else:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    try:
        os.killpg(pid, signal.SIGKILL)  # anything the child left behind in its group
    except OSError:
        pass
    _send({"event": "exit", "status": status})


def _send(obj: dict) -> None:
    data = (json.dumps(obj) + "\n").encode()
    while data:
        data = data[os.write(1, data):]


# ---- the client ---------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What happened to one child."""

    lines: list[str] = field(default_factory=list)  # raw progress lines, to verify
    status: int | None = None  # os.waitpid status
    killed: str | None = None  # why the worker killed it ("timeout", "silence")
    error: str | None = None  # the server could not start the job
    pid: int | None = None

    @property
    def exit_description(self) -> str:
        if self.killed:
            return self.killed
        if self.error:
            return self.error
        if self.status is None:
            return "the fork server died"
        if os.WIFSIGNALED(self.status):
            sig = os.WTERMSIG(self.status)
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            why = {"SIGKILL": " (killed: the memory limit, or a kill)", "SIGXCPU": " (the CPU-time limit)",
                   "SIGSEGV": " (a crash)", "SIGXFSZ": " (the file-size limit)"}.get(name, "")
            return f"the kernel died of signal {name}{why}"
        from .sandbox import OUT_OF_MEMORY

        if os.WEXITSTATUS(self.status) == OUT_OF_MEMORY:
            return "the cell ran out of memory (MemoryError at the grader's memory limit)"
        return f"the kernel exited with status {os.WEXITSTATUS(self.status)}"


class ForkServer:
    """The worker's side. Not thread-safe: one job at a time per instance."""

    def __init__(self, startup_timeout: float = 180.0, preload: tuple[str, ...] = ()):
        self.startup_timeout = startup_timeout
        self.preload = tuple(preload)  # modules of APART this server imports
        self.proc: subprocess.Popen | None = None
        self.mapped = 0
        self._buf = b""

    def start(self) -> None:
        env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="Agg",
                   PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "autograder.grading.forkserver", *self.preload], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        self._buf = b""
        msg = self._read(time.monotonic() + self.startup_timeout)
        if msg is None or msg.get("event") != "ready":
            self.close()
            raise RuntimeError("the fork server did not start")
        self.mapped = msg.get("mapped", 0)

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def close(self) -> None:
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait()
            for f in (self.proc.stdin, self.proc.stdout):
                try:
                    f.close()
                except OSError:
                    pass
            self.proc = None

    def _read(self, deadline: float) -> dict | None:
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return {"event": "eof"}
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\n", 1)
        return json.loads(raw)

    def run(self, request: dict, key: bytes, cell_timeout: float, grace: float = 5.0,
            startup: float = 60.0) -> Outcome:
        """Run one job. The child is killed (its whole process group) when it stays silent longer
        than a cell may take: then the cell's own SIGALRM did not stop it."""
        if not self.alive:
            self.start()
        out = Outcome()
        message = json.dumps(dict(request, key=key.hex())) + "\n"
        try:
            self.proc.stdin.write(message.encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self.close()
            out.error = "the fork server died"
            return out
        deadline = time.monotonic() + startup
        while True:
            msg = self._read(deadline)
            if msg is None:
                if out.pid is None or out.killed:  # the server itself is stuck
                    self.close()
                    out.error = out.error or "the fork server stopped answering"
                    return out
                out.killed = f"timeout: a cell ran longer than {cell_timeout:g} s"
                try:
                    os.killpg(out.pid, signal.SIGKILL)
                except OSError:
                    pass
                deadline = time.monotonic() + 30
                continue
            event = msg.get("event")
            if event == "eof":
                self.close()
                out.error = out.error or "the fork server died"
                return out
            if event == "exit":
                out.status, out.error = msg.get("status"), msg.get("error")
                return out
            if event == "started":
                out.pid = msg["pid"]
                deadline = time.monotonic() + startup
            elif event == "line":
                out.lines.append(msg["line"])
                if not out.killed:
                    deadline = time.monotonic() + cell_timeout + grace


class Servers:
    """A worker's fork servers: one per thread and preload set, each started on first use."""

    def __init__(self):
        self._local = threading.local()
        self._all: list[ForkServer] = []
        self._lock = threading.Lock()
        self._preloads: dict[str, tuple[str, ...]] = {}

    def for_official(self, official) -> ForkServer:
        """The calling thread's server for an assignment's official notebook."""
        if official.digest not in self._preloads:
            self._preloads[official.digest] = preload_for(c.source for c in official.cells if c.cell_type == "code")
        return self.get(self._preloads[official.digest])

    def get(self, preload: tuple[str, ...] = ()) -> ForkServer:
        mine = getattr(self._local, "servers", None)
        if mine is None:
            mine = self._local.servers = {}
        if preload not in mine:
            mine[preload] = ForkServer(preload=preload)
            with self._lock:
                self._all.append(mine[preload])
        return mine[preload]

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                s.close()


if __name__ == "__main__":
    serve(tuple(sys.argv[1:]))
