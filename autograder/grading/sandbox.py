"""The sandbox of the child that runs student code (docs/grading.md, layers 5 and 8).

OS level, applied once after the fork, before any student code:
- its own session and process group (the grader kills the group on a timeout), and death with
  the fork server (PR_SET_PDEATHSIG);
- rlimits: address space, CPU seconds, file size, no core files;
- where the OS allows (root, or unprivileged user namespaces): a new network namespace (no
  interface but a loopback that is down) and a new mount namespace in which every mount is
  read-only except the scratch folder and the observation folder;
- cwd, $HOME and $TMPDIR in the scratch folder, and an environment with nothing of the
  grader's in it.

Python level, for as long as the child lives (`arm`):
- a PEP 578 audit hook, which cannot be removed. It attributes every audited operation to the
  code that asked for it: an operation is the student's when a frame of code outside the
  Python installation and the autograder package is on the stack. Refused to student code:
  processes and signals to others, sockets, ctypes, gc's object graph, frame and traceback
  introspection, tracing and profiling hooks, new audit hooks, code objects and `__code__`
  replacement, writes outside the scratch folder, raising rlimits. While the observer records
  (the "window"), everything but reading files is refused to everyone, so that a C-level
  callable smuggled into an output cannot act on the student's behalf either.
- thread creation is refused (a Python thread escapes the profiler's thread-local recording),
  and so are Python signal handlers (a handler receives the interrupted frame).
A refused operation raises RuntimeError in the student's code and is reported: the exercise of
the cell that asked for it scores 0.
"""
from __future__ import annotations

import ctypes
import os
import pathlib
import resource
import sys
import sysconfig
from pathlib import Path

import _posixsubprocess
import _signal
import _thread
import threading  # noqa: F401  (loaded before student code: `arm` patches it)

_ORIGINAL_SIGNAL = _signal.signal
_ORIGINAL_GETSIGNAL = _signal.getsignal
_DEFAULT_INT_HANDLER = _signal.default_int_handler
_ADD_AUDIT_HOOK = sys.addaudithook
_GETFRAME = sys._getframe
_REALPATH = os.path.realpath
_THREAD_NAMES = ("start_new_thread", "start_new", "start_joinable_thread")
_ORIGINAL_THREADS = tuple((name, getattr(_thread, name)) for name in _THREAD_NAMES if hasattr(_thread, name))
PATH_TYPES = (pathlib.PosixPath, pathlib.PurePosixPath, pathlib.Path, pathlib.PurePath)
_REAL_SYS = (sys,)  # a tuple: the frozen copy of this module keeps the real module, not a copy of it

CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWUSER = 0x00020000, 0x40000000, 0x10000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
PR_SET_PDEATHSIG = 1
OUT_OF_MEMORY = 75  # the child's exit status after a cell ran into the memory limit (driver.py)
SCRATCH_SIZE = "512m"  # where the mount namespace holds; elsewhere RLIMIT_FSIZE bounds each file

# Events refused to student code.
PROCESSES = frozenset({"os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
                       "subprocess.Popen", "pty.spawn", "os.startfile", "resource.setrlimit",
                       "resource.prlimit", "sys.addaudithook", "sys.settrace", "sys.setprofile",
                       "sys._current_frames", "gc.get_objects", "gc.get_referrers", "gc.get_referents",
                       "builtins.breakpoint", "pdb.Pdb", "sys.set_asyncgen_hooks_firstiter",
                       "sys.set_asyncgen_hooks_finalizer", "webbrowser.open", "urllib.Request",
                       "http.client.connect", "ftplib.connect", "smtplib.connect", "poplib.connect",
                       "imaplib.open", "nntplib.connect", "os.chroot", "os.setxattr", "os.removexattr"})
PATH_WRITES = frozenset({"os.remove", "os.rmdir", "os.mkdir", "os.rename", "os.link", "os.symlink",
                         "os.truncate", "os.chmod", "os.chown", "os.utime", "shutil.rmtree", "shutil.move",
                         "sqlite3.connect", "tempfile.mkstemp",
                         "tempfile.mkdtemp", "os.mkfifo", "os.mknod"})
SIGNALS = frozenset({"os.kill", "os.killpg", "signal.pthread_kill"})
FRAMES = frozenset({"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back"})
WATCHED = PROCESSES | PATH_WRITES | SIGNALS | frozenset({
    "open", "sys._getframe", "object.__getattr__", "object.__setattr__", "object.__delattr__",
    "code.__new__", "function.__new__", "exec", "compile", "import", "marshal.loads"})
PREFIXES = ("ctypes.", "socket.", "_ssl.", "mmap.")
# Modules that hand frames to whoever calls them: their frame access counts as the caller's.
FRAME_LEAKERS = ("inspect", "traceback", "pdb", "bdb", "cgitb", "pydoc", "trace", "profile", "cProfile",
                 "stack_data", "executing", "pure_eval", "IPython.core.debugger", "doctest", "unittest")
# Modules a student may not import for the first time (most are refused statically as well).
IMPORTS = frozenset({"ctypes", "_ctypes", "gc", "_thread", "threading", "_signal", "signal", "socket", "_socket",
                     "subprocess", "_posixsubprocess", "multiprocessing", "mmap", "pty", "resource",
                     "faulthandler", "_testcapi", "_testinternalcapi", "tracemalloc"})
# Where each path event carries a dir_fd (relative paths are then not relative to the cwd).
DIR_FD_ARGS = {"os.remove": (1,), "os.rmdir": (1,), "os.mkdir": (2,), "os.rename": (2, 3), "os.link": (2, 3),
               "os.symlink": (2,), "os.chmod": (2,), "os.chown": (3,), "os.utime": (3,), "os.mkfifo": (2,),
               "os.mknod": (3,)}
PATCHED = ("_thread", "threading", "_signal", "signal", "torch._C", "torch", "_posixsubprocess")  # the modules `arm` patches
MEMORY_FILES = ("/proc/self/mem", "/proc/kcore", "/dev/mem", "/dev/kmem", "/dev/port")
SINKS = ("/dev/null",)  # written to by libraries that silence output: nothing written there is kept
# Audited operations that only read something harmless: allowed to everyone.
HARMLESS = frozenset({"socket.gethostname"})  # TensorBoard names its event files after the host


def trusted_prefixes() -> tuple[str, ...]:
    """Where trusted code lives: the Python installation and the autograder package."""
    paths = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        p = sysconfig.get_paths().get(key)
        if p:
            paths |= {p, _REALPATH(p)}
    pkg = str(Path(__file__).resolve().parents[1])
    paths |= {pkg, _REALPATH(pkg)}
    for p in list(sys.path):
        if p and ("site-packages" in p or "dist-packages" in p or p.endswith(("lib-dynload", ".zip"))):
            paths |= {p, _REALPATH(p)}
    return tuple(sorted({p.rstrip(os.sep) + os.sep for p in paths})) + ("<frozen ",)


# ---- OS isolation -------------------------------------------------------------------------------

def _libc():
    return ctypes.CDLL(None, use_errno=True)


def die_with_parent() -> None:
    try:
        _libc().prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def set_limits(memory: int | None, cpu_seconds: int | None, file_bytes: int | None) -> None:
    """`memory` is the address space allowed on top of what the process already maps."""
    if memory and os.path.exists("/proc/self/statm"):  # elsewhere (macOS) RLIMIT_AS is not enforced anyway
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (mapped + memory, mapped + memory))
    if cpu_seconds:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    if file_bytes:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def isolate(writable: list[str], network: bool = True, mounts: bool = True, hidden: tuple[str, ...] = ()) -> list[str]:
    """New network and mount namespaces, the file system read-only but `writable` (the first of
    which, the scratch folder, becomes a tmpfs of SCRATCH_SIZE), `hidden` covered up. Returns
    what holds, in words; whatever the OS refuses is left out (the audit hook still stands)."""
    held = []
    flags = (CLONE_NEWNET if network else 0) | (CLONE_NEWNS if mounts else 0)
    if not flags or not sys.platform.startswith("linux"):
        return held
    try:
        libc = _libc()
        libc.unshare, libc.mount  # noqa: B018  (present on Linux's C library)
    except (OSError, AttributeError):
        return held
    uid, gid = os.geteuid(), os.getegid()
    if libc.unshare(flags) != 0:
        # Unprivileged: a user namespace of our own first, in which we are root.
        if libc.unshare(flags | CLONE_NEWUSER) != 0:
            return held
        try:
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"0 {uid} 1")
            _write("/proc/self/gid_map", f"0 {gid} 1")
        except OSError:
            pass
        held.append("user namespace")
    if network:
        held.append("network namespace (no network)")
    if mounts and _read_only_but(libc, writable, hidden):
        held.append("mount namespace (file system read-only but the scratch folder; solutions and "
                    "submissions hidden)")
    return held


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _read_only_but(libc, writable: list[str], hidden=()) -> bool:
    if libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return False
    for h in hidden:  # an empty read-only folder (or /dev/null) over what the student may not read
        h = _REALPATH(h)
        if os.path.isdir(h):
            libc.mount(b"none", h.encode(), b"tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, b"size=4k")
        elif os.path.isfile(h):
            libc.mount(b"/dev/null", h.encode(), None, MS_BIND, None)
    keep = []
    for i, w in enumerate(writable):
        w = _REALPATH(w)
        if i == 0:  # the scratch folder: a small tmpfs of its own, so no disk fills up
            ok = libc.mount(b"none", w.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, f"size={SCRATCH_SIZE},mode=0777".encode()) == 0
        else:
            ok = libc.mount(w.encode(), w.encode(), None, MS_BIND, None) == 0
        if not ok:
            return False
        keep.append(w)
    with open("/proc/self/mountinfo") as f:
        mounts = [line.split() for line in f]
    ok = True
    for parts in mounts:
        point, options = parts[4].replace("\\040", " "), set(parts[5].split(","))
        if point in keep or point.startswith(("/proc", "/sys")):
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY
        for name, bit in (("nosuid", MS_NOSUID), ("nodev", MS_NODEV), ("noexec", MS_NOEXEC),
                          ("noatime", MS_NOATIME), ("nodiratime", MS_NODIRATIME), ("relatime", MS_RELATIME)):
            if name in options:
                flags |= bit
        if libc.mount(None, point.encode(), None, flags, None) != 0 and point == "/":
            ok = False
    return ok


def clean_environment(scratch: str, keep=("PATH", "LANG", "LC_ALL", "LC_CTYPE", "COURSE_DATA"),
                      data: str | None = None) -> None:
    """Nothing of the grader's environment but `keep`; `data` (the course's data folder, which
    the file system shows read-only) as $COURSE_DATA, so that mnist() finds what the grader sees."""
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=scratch, TMPDIR=scratch, MPLCONFIGDIR=scratch, OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1", MPLBACKEND="Agg")
    if data:
        env["COURSE_DATA"] = data
    os.environ.clear()
    os.environ.update(env)
    import tempfile
    tempfile.tempdir = scratch


# ---- the audit hook and the guards --------------------------------------------------------------

class Refused(RuntimeError):
    pass


# Functions of the traceback module that turn frames into text and FrameSummary objects (file,
# line, name; no locals, no frame): whoever asks, nothing of a frame reaches the caller. Torch's
# lazy CUDA seeding (torch.manual_seed) and a student's traceback.print_exc() go through them.
SUMMARIES = frozenset({"format_stack", "extract_stack", "print_stack", "format_exc", "print_exc",
                       "format_exception", "print_exception", "format_tb", "extract_tb", "print_tb",
                       "print_last", "format_exception_only"})
# Library functions that take a frame from inspect.currentframe() only to read where they were
# called from (file, line, function name), never handing the frame on: TensorFlow records where
# each graph op was made, and the name of the function that built a decorator; torch.jit.trace
# (SummaryWriter.add_graph) names a traced tensor after the local variable that holds it. (A frame handed to anyone leads to every frame above it: f_back is not audited.)
FRAME_READERS = frozenset({("tensorflow.python.framework.traceable_stack", "set_filename_and_line_from_caller"),
                           ("tensorflow.python.util.tf_decorator", "make_decorator"),
                           ("tensorflow.python.util.deprecation", "_call_location"),
                           ("tensorflow.python.util.tf_stack", "__init__"),
                           ("torch.jit._trace", "_get_interpreter_name_for_var")})
# Library functions that walk an exception's traceback (traceback.walk_tb) to drop their own
# frames from it before the exception goes on: TensorFlow's and Keras's error handlers. The
# frames are those below the handler, and reach the student only as the exception's traceback,
# whose tb_frame student code may not read.
TRACEBACK_FILTERS = frozenset({("tensorflow.python.util.traceback_utils", "_process_traceback_frames"),
                               ("keras.src.utils.traceback_utils", "_process_traceback_frames")})


# arm is a short sequence of steps; each returns closures over the state they share (nothing
# student code can reach: the controller's closures live in the driver's frame):
#
#   places       which paths may be written, read, and opened
#   attribution  whose operation an audited event is: student code's, or a library's
#   rules        decide(event, args): the refusals, one function per family of events
#   install      the audit hook; threads and signal handlers refused; torch's C++ writers checked
#   controller   what the driver keeps: arm, official, window, writing, take

def arm(scratch: str, observations: str, trusted: tuple[str, ...], private: tuple[str, ...] = ()):
    """Install the audit hook and the thread and signal guards. Returns the controller: a dict
    of closures the driver keeps in its frame (nothing else can reach them):

        arm()            from now on, enforce
        official(bool)   the running cell is the course's (refusals are not held against anyone)
        window(bool)     the observer is recording: refuse everything but reads, to everyone
        writing(bool)    the driver writes an observation file
        take()           the refusals since the last call, as messages
    """
    state = {"armed": False, "official": False, "window": False, "writing": False, "busy": False}
    refusals: list[str] = []
    where = places(scratch, observations, private, state)
    who = attribution(trusted)
    decide = rules(state, refusals, where, who, trusted)
    install(state, refusals, decide, who, where)
    return controller(state, refusals)


def places(scratch: str, observations: str, private: tuple[str, ...], state: dict) -> dict:
    """Path predicates: `plain` (a path that cannot change its mind), `writable`, `readable`."""
    realpath, startswith = _REALPATH, str.startswith
    scratch = realpath(scratch).rstrip(os.sep) + os.sep
    obsdir = realpath(observations).rstrip(os.sep) + os.sep
    jobdir = os.path.dirname(obsdir.rstrip(os.sep)) + os.sep
    private = tuple(realpath(p).rstrip(os.sep) for p in private)
    proc_self = f"/proc/{os.getpid()}/"

    def plain(path) -> bool:
        """A path whose value cannot change between our look and the open: a str or bytes, or a
        pathlib path (a student's os.PathLike could answer __fspath__ differently the second time)."""
        return isinstance(path, (str, bytes)) or type(path) in PATH_TYPES

    def in_scratch(path: str) -> bool:
        return startswith(realpath(path) + os.sep, scratch)

    def folder_of(fd) -> str | None:
        """The folder a descriptor stands for, if it is one inside the scratch folder."""
        if not isinstance(fd, int) or fd < 0:
            return None
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return None
        return target if os.path.isdir(target) and in_scratch(target) else None

    def writable(path) -> bool:
        if isinstance(path, int):
            return True
        if not plain(path):
            return False
        if isinstance(path, bytes):
            path = path.decode(errors="replace")
        try:
            real = realpath(os.fspath(path))
        except (TypeError, ValueError, OSError):
            return False
        if startswith(real + os.sep, scratch) or real in SINKS:
            return True
        return startswith(real + os.sep, obsdir) and state["writing"]

    def readable(path: str) -> bool:
        """Not the course's solutions and submissions, the grader's other jobs, or the files of
        another process (/proc/<pid>/fd leads to the grader's open files)."""
        try:
            real = realpath(path)
        except (TypeError, ValueError, OSError):
            return True
        probe = real + os.sep
        if startswith(probe, "/proc/") and probe[6:7].isdigit() and not startswith(probe, proc_self):
            return False
        if startswith(probe, jobdir):
            return True
        return not any(probe == p + os.sep or startswith(probe, p + os.sep) for p in private)

    return {"plain": plain, "writable": writable, "readable": readable, "in_scratch": in_scratch,
            "folder_of": folder_of, "private": private}


def attribution(trusted: tuple[str, ...]) -> dict:
    """Whose operation an event is. `stack(depth)`: (a student frame is on the stack, the
    immediate caller is student code, its module); `first_outside(depth, modules)`: the first
    frame outside `modules`, and the names of the functions passed on the way."""
    getframe, startswith = _GETFRAME, str.startswith

    def untrusted(filename) -> bool:
        return not startswith(filename, trusted)

    def stack(depth: int = 4):
        """`depth` counts the frames between this function and the caller of the audited operation."""
        f = getframe(depth)
        caller = f
        student = False
        while f is not None:
            if untrusted(f.f_code.co_filename):
                student = True
                break
            f = f.f_back
        code = caller.f_code.co_filename if caller is not None else ""
        module = caller.f_globals.get("__name__", "") if caller is not None else ""
        return student, untrusted(code), module if isinstance(module, str) else ""

    def first_outside(depth: int, modules: tuple[str, ...]):
        """The first frame (from `depth` up) whose module is none of `modules` (or their submodules),
        and the code names of the frames passed on the way."""
        f, passed = getframe(depth), []
        while f is not None:
            name = f.f_globals.get("__name__", "")
            if not (isinstance(name, str) and (name in modules or startswith(name, tuple(m + "." for m in modules)))):
                break
            passed.append(f.f_code.co_name)
            f = f.f_back
        return f, passed

    def below_student(frame) -> bool:
        """Whether `frame` is on the stack at or below the outermost student frame: the student's
        own frames and those of what student code called. Above it are the grader's (the
        driver, IPython, the observer), which no student and no library on its behalf may reach."""
        f, i, at, top = getframe(1), 0, None, None
        while f is not None:
            if f is frame:
                at = i
            if untrusted(f.f_code.co_filename):
                top = i
            f, i = f.f_back, i + 1
        return at is not None and top is not None and at <= top

    return {"untrusted": untrusted, "stack": stack, "first_outside": first_outside, "below_student": below_student}


def rules(state: dict, refusals: list, where: dict, who: dict, trusted: tuple[str, ...]):
    """decide(event, args): raises Refused for what student code may not do."""
    startswith, realpath = str.startswith, _REALPATH
    plain, writable, readable, in_scratch = where["plain"], where["writable"], where["readable"], where["in_scratch"]
    folder_of = where["folder_of"]
    private = where["private"]
    untrusted, stack, first_outside = who["untrusted"], who["stack"], who["first_outside"]
    below_student = who["below_student"]
    pid = os.getpid()
    getframe = _GETFRAME

    def refuse(what: str, penalize: bool = True):
        if penalize and not state["official"]:
            refusals.append(what)
        raise Refused(f"not allowed while grading: {what}")

    def on_open(args):
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
            (mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND))
        if not isinstance(path, int) and not plain(path):
            refuse(f"opening a path given as a {type(path).__name__} (give a str)")
        if isinstance(path, (str, bytes)) or type(path) in PATH_TYPES:
            p = os.fsdecode(path)
            if startswith(p, MEMORY_FILES) or (startswith(p, "/proc/") and p.endswith("/mem")):
                refuse(f"reading process memory ({p})")
            if private and not readable(p):
                refuse(f"reading {p!r} (the course's solutions, submissions and results are off limits)")
            if mode is None and not writing and not in_scratch(p) and os.path.isdir(p):
                # a folder's descriptor would let dir_fd=... name files no path check sees
                refuse(f"opening the folder {p!r} as a descriptor")
        if writing and not writable(path):
            refuse(f"writing {path!r} (only the current folder can be written)")

    def on_import(args):
        name = args[0] if args else ""
        if isinstance(name, str) and name.split(".")[0] in IMPORTS:
            # Who imports: the first frame below the import machinery. A library may import
            # what it needs (what it then does is audited); student code may not.
            f = getframe(3)
            while f is not None and startswith(f.f_code.co_filename, "<frozen importlib"):
                f = f.f_back
            if (f is not None and untrusted(f.f_code.co_filename)) or state["window"]:
                refuse(f"importing {name}")

    def on_frames(event, args):
        if event == "object.__getattr__" and (len(args) < 2 or args[1] not in FRAMES):
            return
        student, direct, module = stack()
        what = "reaching the interpreter's frames" + (f" ({args[1]})" if event != "sys._getframe" else "")
        if direct:
            refuse(what)
        if not student:
            return
        # traceback's summaries hand out text, never a frame: allowed whoever asked (torch's
        # lazy CUDA seeding calls format_stack; a student may print a traceback)
        if module == "traceback" and not state["window"]:
            f, passed = first_outside(4, ("traceback",))
            if SUMMARIES.intersection(passed):
                return
            if passed == ["walk_tb"] and f is not None and not untrusted(f.f_code.co_filename) and \
                    (f.f_globals.get("__name__"), f.f_code.co_name) in TRACEBACK_FILTERS:
                return
        if any(module == m or startswith(module, m + ".") for m in FRAME_LEAKERS):
            if module == "inspect" and not state["window"]:
                f, passed = first_outside(4, ("inspect",))
                if passed == ["currentframe"] and f is not None and not untrusted(f.f_code.co_filename) and \
                        (f.f_globals.get("__name__"), f.f_code.co_name) in FRAME_READERS:
                    return  # the file too: a student's function could take a reader's names
            refuse(what)
        # Other libraries may take a frame on a student's behalf (typing and namedtuple read their
        # caller's globals), but never one above the student's outermost frame: the grader's.
        if event == "sys._getframe" and not below_student(args[0]):
            refuse(what)

    def on_setattr(args):
        # Libraries rename their own wrappers' code (torch.no_grad() as a decorator does):
        # only student code doing it itself, or anything in the window, is refused.
        _, direct, _ = stack()
        name = args[1] if len(args) > 1 else ""
        if (direct or state["window"]) and (name in ("__code__", "__bases__", "__closure__", "__globals__") or
                                            (name == "__class__" and isinstance(args[0], type(os)))):
            refuse(f"replacing {name}")

    def on_code(event, args):
        student, direct, _ = stack()
        if direct or state["window"]:
            refuse("running code built at run time (exec, eval, compile, code objects)")
        if event == "compile" and len(args) > 1 and student and isinstance(args[1], str) and not untrusted(args[1]):
            refuse("compiling code under the name of a library file")

    def on_signal(event, args):
        target = args[0] if args else None
        if event == "os.kill" and target in (pid, 0, -pid):
            return
        if event == "os.killpg" and target in (pid, 0):
            return
        if event == "signal.pthread_kill":
            return
        refuse(f"sending a signal to process {target}")

    def relative_to_folders(event, args) -> bool:
        """A path event given through descriptors of folders inside the scratch folder (what
        shutil.rmtree does, so tempfile.TemporaryDirectory's cleanup): each path, joined to its
        folder, must be writable."""
        if event == "os.symlink":  # its dir_fd places the link, not the path it names: keep it simple
            return False
        slots = DIR_FD_ARGS.get(event, ())
        for n, i in enumerate(slots):
            fd = args[i] if i < len(args) else None
            if fd is None or fd == -1:
                continue
            folder = folder_of(fd)
            path = args[n] if n < len(args) else None
            if folder is None or not isinstance(path, (str, bytes)):
                return False
            path = os.fsdecode(path)
            if not writable(path if os.path.isabs(path) else os.path.join(folder, path)):
                return False
        return True

    def on_path_write(event, args):
        fds = [args[i] for i in DIR_FD_ARGS.get(event, ()) if i < len(args)]
        if args and isinstance(args[0], int):
            refuse(f"{event} through a file descriptor (only paths in the current folder)")
        if any(fd is not None and fd != -1 for fd in fds):
            if relative_to_folders(event, args):
                return
            refuse(f"{event} through a file descriptor (only paths in the current folder)")
        if any(not plain(a) for a in args[:2] if not isinstance(a, (int, type(None), tuple))):
            refuse(f"{event} on a path given as an object (give a str)")
        paths = [a for a in args if isinstance(a, (str, bytes)) or type(a) in PATH_TYPES]
        if event == "sqlite3.connect" and paths and os.fspath(paths[0]) in (":memory:", b":memory:", ""):
            return
        if event in ("tempfile.mkstemp", "tempfile.mkdtemp"):
            paths = paths[:1]
        for p in paths[:2]:
            if not writable(p):
                refuse(f"{event} on {p!r} (only the current folder can be written)")

    def library_dlopen(args) -> bool:
        """A library loading one of the installation's own shared libraries (torchvision's ops,
        through torch.ops.load_library): the library's doing, not the student's."""
        name = args[0] if args else None
        if not isinstance(name, (str, bytes)) or state["window"]:
            return False
        try:
            real = realpath(os.fsdecode(name))
        except (TypeError, ValueError, OSError):
            return False
        if not startswith(real, trusted) or in_scratch(real):
            return False
        f, _ = first_outside(4, ("ctypes",))
        return f is not None and not untrusted(f.f_code.co_filename)

    def decide(event, args):
        if event == "open":
            return on_open(args)
        if event == "import":
            return on_import(args)
        if event in ("sys._getframe", "object.__getattr__"):
            return on_frames(event, args)
        if event in ("object.__setattr__", "object.__delattr__"):
            return on_setattr(args)
        if event in ("exec", "compile", "code.__new__", "function.__new__", "marshal.loads"):
            return on_code(event, args)
        student, _, _ = stack(3)
        if not (student or state["window"]):
            return
        if event in HARMLESS and not state["window"]:
            return
        if event in SIGNALS:
            return on_signal(event, args)
        if event in PATH_WRITES:
            return on_path_write(event, args)
        if event == "ctypes.dlopen" and library_dlopen(args):
            return
        refuse(f"{event}" + {"socket.": " (no network)", "ctypes.": " (no ctypes)"}.get(event[:7], ""))

    return decide


def install(state: dict, refusals: list, decide, who: dict, where: dict) -> None:
    """The audit hook, the thread and signal guards, and checks on torch's C++ writers."""
    startswith, getframe = str.startswith, _GETFRAME
    untrusted, stack, writable = who["untrusted"], who["stack"], where["writable"]

    def refuse(what: str):
        if not state["official"]:
            refusals.append(what)
        raise Refused(f"not allowed while grading: {what}")

    def hook(event, args):
        if not state["armed"] or state["busy"]:
            return
        if event not in WATCHED and not startswith(event, PREFIXES):
            return
        state["busy"] = True
        try:
            decide(event, args)
        finally:
            state["busy"] = False

    # Threads: refused to everyone once armed (the driver never starts one). Only a student
    # who asked directly is held to account: a library that tries (tqdm's monitor) copes.
    def no_thread(*args, **kwargs):
        if state["armed"]:
            f = getframe(1)
            while f is not None and not untrusted(f.f_code.co_filename) and \
                    f.f_globals.get("__name__") in ("threading", "concurrent.futures.thread", "_thread"):
                f = f.f_back
            if f is not None and untrusted(f.f_code.co_filename) and not state["official"]:
                refusals.append("starting a thread")
            raise Refused("not allowed while grading: starting a thread")
        return original_threads[0](*args, **kwargs)

    original_threads = [fn for _, fn in _ORIGINAL_THREADS]

    # New processes: subprocess raises an audit event, but multiprocessing's spawn and forkserver
    # start methods (torch.multiprocessing too) go straight to _posixsubprocess.fork_exec, which
    # raises none: the child would run without this hook.
    def no_process(*args, **kwargs):
        if state["armed"]:
            student, _, _ = stack(2)
            if student and not state["official"]:
                refusals.append("starting a process")
            raise Refused("not allowed while grading: starting a process")
        return original_fork_exec(*args, **kwargs)

    original_fork_exec = _posixsubprocess.fork_exec

    def no_handler(signalnum, handler):
        if state["armed"] and callable(handler) and handler is not _DEFAULT_INT_HANDLER:
            student, _, _ = stack(2)
            if student:
                refuse("installing a Python signal handler")
        return _ORIGINAL_SIGNAL(signalnum, handler)

    # Patch the real modules (this function runs as a frozen clone: its globals hold copies).
    real_modules = _REAL_SYS[0].modules
    _ADD_AUDIT_HOOK(hook)
    for name, _ in _ORIGINAL_THREADS:
        setattr(real_modules["_thread"], name, no_thread)
    for name in ("_start_new_thread", "_start_joinable_thread"):
        if hasattr(real_modules["threading"], name):
            setattr(real_modules["threading"], name, no_thread)
    real_modules["_signal"].signal = no_handler
    real_modules["_posixsubprocess"].fork_exec = no_process
    if "signal" in real_modules:
        real_modules["signal"].signal = _wrap_signal(no_handler)

    # torch.save(obj, path) and torch.from_file(path, shared=True) write from C++, which no audit
    # event sees: their Python entry points check the path like `open` does. (Where the mount
    # namespace holds, the file system refuses anyway.)
    torch_c, torch_module = real_modules.get("torch._C"), real_modules.get("torch")
    if torch_c is not None and hasattr(torch_c, "PyTorchFileWriter"):
        original_writer = torch_c.PyTorchFileWriter

        def file_writer(target, *args, **kwargs):
            if state["armed"] and isinstance(target, (str, bytes, os.PathLike)) and not writable(target):
                refuse(f"writing {os.fspath(target)!r} (only the current folder can be written)")
            return original_writer(target, *args, **kwargs)
        torch_c.PyTorchFileWriter = file_writer
    if torch_module is not None and hasattr(torch_module, "from_file"):
        original_from_file = torch_module.from_file

        def from_file(filename, *args, **kwargs):
            shared = kwargs.get("shared", args[0] if args else False)
            if state["armed"] and shared and not writable(filename):
                refuse(f"mapping {filename!r} for writing (only the current folder can be written)")
            return original_from_file(filename, *args, **kwargs)
        torch_module.from_file = from_file


def controller(state: dict, refusals: list) -> dict:
    def setter(key):
        def set_(value: bool = True):
            state[key] = bool(value)
        return set_

    def take():
        out = list(refusals)
        refusals.clear()
        return out

    return {"arm": setter("armed"), "official": setter("official"), "window": setter("window"),
            "writing": setter("writing"), "take": take}


def _wrap_signal(guard):
    """signal.signal as the signal module defines it (enums in and out), over the guard."""
    import signal as _signal_py

    def signal(signalnum, handler):
        result = guard(int(signalnum) if not callable(signalnum) else signalnum,
                       int(handler) if isinstance(handler, _signal_py.Handlers) else handler)
        try:
            return _signal_py.Handlers(result)
        except (ValueError, TypeError):
            return result
    signal.__doc__ = _signal_py.signal.__doc__
    return signal
