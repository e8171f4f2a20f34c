"""The fake clock (autograder.checks.probes.clock): timing code checked exactly.

Generic tests, with toy timing functions of the tests' own: the clock is replaced for one call
however the code imported it, every replaced object is put back before the call returns (or
raises), other clocks and other threads are told apart, synchronisation is recorded and judged,
and the timed work (a Workload, a TimedModule) takes exactly the fake time it was given."""
from __future__ import annotations

import email.utils
import subprocess
import sys
import threading
import time
import timeit
import types

import pytest
import torch

from autograder.checks import Case, Exercise
from autograder.checks.probes import clock
from autograder.checks.run import verdict_for

DURATIONS = [5.0, 4.0, 0.25, 0.5, 0.125, 1.0, 0.75]


def test_the_clock_imports_nothing_of_the_course():
    code = ("import sys, autograder.checks.probes.clock\n"
            "print(sorted(m for m in sys.modules if m.startswith(('autograder.exercises', 'autograder.grading', "
            "'autograder.data'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def run(fn, *args, fake_cuda=False, **kwargs):
    work = clock.Workload(DURATIONS, start=4321.5)
    fake = clock.FakeClock(work.start)
    out = clock.call(fn, (work, *args), kwargs, clock=fake, fake_cuda=fake_cuda)
    return out, fake


def module_from(source: str, name: str = "student_helpers") -> types.ModuleType:
    """A module of 'student' code (its file is not the library's)."""
    module = types.ModuleType(name)
    module.__file__ = f"/home/student/{name}.py"
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


# ---- every way of importing perf_counter ------------------------------------------------------------

STYLES = {
    "time.perf_counter": """
import time
def durations(fn, n):
    out = []
    for _ in range(n):
        t0 = time.perf_counter(); fn(); out.append(time.perf_counter() - t0)
    return out
""",
    "from time import perf_counter": """
from time import perf_counter
def durations(fn, n):
    out = []
    for _ in range(n):
        t0 = perf_counter(); fn(); out.append(perf_counter() - t0)
    return out
""",
    "import time as t": """
import time as t
def durations(fn, n):
    out = []
    for _ in range(n):
        t0 = t.perf_counter(); fn(); out.append(t.perf_counter() - t0)
    return out
""",
    "a name saved in a global": """
import time
now = time.perf_counter
def durations(fn, n):
    out = []
    for _ in range(n):
        t0 = now(); fn(); out.append(now() - t0)
    return out
""",
    "a closure": """
import time
def make(clock=time.perf_counter):
    def durations(fn, n):
        out = []
        for _ in range(n):
            t0 = clock(); fn(); out.append(clock() - t0)
        return out
    return durations
durations = make()
""",
    "a default argument": """
import time
def durations(fn, n, clock=time.perf_counter):
    out = []
    for _ in range(n):
        t0 = clock(); fn(); out.append(clock() - t0)
    return out
""",
    "a helper in another module": """
helper = __import__("types").ModuleType("helper")
exec(compile("from time import perf_counter as pc\\ndef stamp():\\n    return pc()\\n", "/home/student/helper.py", "exec"),
     helper.__dict__)
def durations(fn, n):
    out = []
    for _ in range(n):
        t0 = helper.stamp(); fn(); out.append(helper.stamp() - t0)
    return out
""",
    "a helper class": """
from time import perf_counter
class Stopwatch:
    def __enter__(self):
        self.start = perf_counter(); return self
    def __exit__(self, *exc):
        self.seconds = perf_counter() - self.start
def durations(fn, n):
    out = []
    for _ in range(n):
        with Stopwatch() as s:
            fn()
        out.append(s.seconds)
    return out
""",
    "perf_counter_ns": """
import time
def durations(fn, n):
    out = []
    for _ in range(n):
        t0 = time.perf_counter_ns(); fn(); out.append((time.perf_counter_ns() - t0) / 1e9)
    return out
""",
    "timeit.repeat": """
import timeit
def durations(fn, n):
    return timeit.repeat(fn, repeat=n, number=1)
""",
    "timeit.default_timer": """
from timeit import default_timer
def durations(fn, n):
    out = []
    for _ in range(n):
        t0 = default_timer(); fn(); out.append(default_timer() - t0)
    return out
""",
}


@pytest.mark.parametrize("style", list(STYLES))
def test_perf_counter_is_replaced_however_it_was_imported(style):
    durations = module_from(STYLES[style]).durations
    out, fake = run(durations, len(DURATIONS))
    assert out == pytest.approx(DURATIONS, rel=1e-9, abs=1e-9), style
    assert fake.of_kind("work") == list(range(len(DURATIONS)))
    assert fake.of_kind("read") and not fake.other_reads


def _state():
    """Every attribute of the modules a call touches, and the defaults of timeit's functions."""
    modules = (time, torch, torch.cuda, timeit, clock)
    return ([dict(vars(m)) for m in modules],
            [f.__defaults__ for f in (timeit.timeit, timeit.repeat, timeit.Timer.__init__)])


def _same(a, b) -> bool:
    (mods_a, defaults_a), (mods_b, defaults_b) = a, b
    return all(da.keys() == db.keys() and all(da[k] is db[k] for k in da) for da, db in zip(mods_a, mods_b)) \
        and all(x is y or (x is not None and y is not None and all(p is q for p, q in zip(x, y)))
                for x, y in zip(defaults_a, defaults_b))


@pytest.mark.parametrize("fake_cuda", [False, True])
def test_everything_is_put_back_after_the_call(fake_cuda):
    helpers = module_from(STYLES["from time import perf_counter"] + "\nfrom torch.cuda import synchronize\n")
    before, globals_before = _state(), dict(helpers.__dict__)
    seen = {}

    def spy(fn, n):
        seen.update(perf=time.perf_counter, sync=torch.cuda.synchronize, avail=torch.cuda.is_available(),
                    bound=helpers.perf_counter, timer=timeit.default_timer)
        return helpers.durations(fn, n)

    run(spy, 2, fake_cuda=fake_cuda)
    assert seen["perf"] is not clock._REAL["perf_counter"] and seen["bound"] is seen["perf"]
    assert seen["timer"] is seen["perf"] and seen["sync"] is not clock._REAL_SYNCHRONIZE
    assert seen["avail"] is (True if fake_cuda else torch.cuda.is_available())
    assert _same(before, _state())
    assert all(helpers.__dict__[k] is v for k, v in globals_before.items())


def test_everything_is_put_back_when_the_call_raises():
    before = _state()

    def broken(fn):
        fn()
        raise ZeroDivisionError("the student's bug")

    with pytest.raises(ZeroDivisionError):
        run(broken)
    assert _same(before, _state()) and not clock._ACTIVE


def test_code_that_replaces_the_clock_itself_does_not_leave_it_replaced():
    before = _state()

    def rude(fn):
        time.perf_counter = lambda: 0.0
        torch.cuda.synchronize = lambda *a: None
        return 1

    run(rude)
    assert _same(before, _state())


# ---- other clocks, other threads, library code -----------------------------------------------------------

@pytest.mark.parametrize("name", ["time", "monotonic", "process_time", "time_ns"])
def test_another_clock_read_by_the_code_is_written_down(name):
    helpers = module_from(f"import time\ndef durations(fn):\n    t0 = time.{name}(); fn(); return time.{name}() - t0\n")
    out, fake = run(helpers.durations)
    assert fake.other_reads == [f"time.{name}"] * 2
    assert not fake.of_kind("read")


def test_a_clock_read_by_library_code_is_not_the_answers():
    def calls_a_library(fn):
        fn()
        return email.utils.formatdate()  # reads time.time() inside the standard library

    _, fake = run(calls_a_library)
    assert fake.other_reads == []


def test_other_threads_see_the_real_clock():
    seen = []

    def with_a_thread(fn):
        fn()
        t = threading.Thread(target=lambda: seen.append(time.perf_counter()))
        t.start()
        t.join()
        return time.perf_counter()

    out, fake = run(with_a_thread)
    assert out == 4321.5 + DURATIONS[0]
    assert abs(seen[0] - time.perf_counter()) < 60  # the real clock, not the fake one
    assert fake.of_kind("read") == [None]  # the thread's read was not recorded


# ---- synchronisation ---------------------------------------------------------------------------------------

SYNCED = """
import torch, time
def durations(fn, n, sync_start=True, sync_stop=True, warmup=1):
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        if sync_start: torch.cuda.synchronize()
        t0 = time.perf_counter(); fn()
        if sync_stop: torch.cuda.synchronize()
        out.append(time.perf_counter() - t0)
    return out
"""


@pytest.mark.parametrize("kwargs, words", [
    ({}, "before every start and every stop"),
    ({"sync_start": False}, "missing before 1 of 3 clock reads that start a timing"),
    ({"sync_stop": False}, "missing before 3 of 3 clock reads that stop a timing"),
    ({"sync_start": False, "warmup": 0}, "missing before 1 of 3 clock reads that start a timing"),
])
def test_synchronisation_before_every_start_and_stop(kwargs, words):
    durations = module_from(SYNCED).durations
    out, fake = run(durations, 3, fake_cuda=True, **kwargs)
    assert out == pytest.approx(DURATIONS[1:4] if kwargs.get("warmup", 1) else DURATIONS[:3])
    assert clock.describe_synchronization(clock.synchronization(fake.events)) == words


def test_chained_reads_need_one_synchronize_each():
    def chained(fn, n):
        torch.cuda.synchronize()
        stamps = [time.perf_counter()]
        for _ in range(n):
            fn()
            torch.cuda.synchronize()
            stamps.append(time.perf_counter())
        return [b - a for a, b in zip(stamps, stamps[1:])]

    out, fake = run(chained, 3, fake_cuda=True)
    assert out == pytest.approx(DURATIONS[:3])
    assert clock.synchronization(fake.events) == {"starts": 3, "starts without sync": 0, "stops": 3,
                                                  "stops without sync": 0}


def test_synchronization_on_event_lists():
    R, S, W = ("read", None), ("sync", None), ("work", 0)
    assert clock.describe_synchronization(clock.synchronization([R, R])).startswith("no timing found")
    assert clock.synchronization([W, S, R, W, R]) == {"starts": 1, "starts without sync": 0, "stops": 1,
                                                      "stops without sync": 1}
    assert clock.synchronization([W, R, S, W, S, R])["starts without sync"] == 1  # a sync after the read is late
    fb = [("forward", 4), ("backward", 4)]
    assert clock.synchronization([S, R, *fb, S, R]) == {"starts": 1, "starts without sync": 0, "stops": 1,
                                                        "stops without sync": 0}


def test_a_real_synchronize_is_called_when_the_gpu_is_not_faked():
    def syncs(fn):
        torch.cuda.synchronize()
        return "synced"

    if torch.cuda.is_available():
        assert run(syncs)[0] == "synced"
    else:  # as on any machine without a GPU: the code's own error
        with pytest.raises(Exception):
            run(syncs)
    out, fake = run(syncs, fake_cuda=True)
    assert out == "synced" and fake.of_kind("sync") == [None]


# ---- the timed work ---------------------------------------------------------------------------------------------

def test_a_workload_repeats_its_durations_and_runs_only_inside_a_call():
    work = clock.Workload([9.0, 1.0, 2.0, 3.0], repeat_from=1)
    assert [work.duration(k) for k in range(8)] == [9.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0]
    with pytest.raises(RuntimeError, match="only runs inside a timing check"):
        work()
    fake = clock.FakeClock(0.0)
    with pytest.raises(TypeError, match="takes no arguments"):
        clock.call(lambda fn: fn(1), (work,), clock=fake)
    with pytest.raises(ValueError):
        clock.Workload([])


def test_a_timed_module_takes_known_time_forward_and_backward():
    model = clock.TimedModule((3, 4, 4), 5, forward_cost=(0.5, 0.25), backward_cost=(1.0, 0.125))
    fake = clock.FakeClock(10.0)

    def step(model, b):
        x = torch.randn(b, 3, 4, 4, requires_grad=True)
        t0 = time.perf_counter()
        out = model(x)
        t1 = time.perf_counter()
        out.sum().backward()
        t2 = time.perf_counter()
        return tuple(out.shape), t1 - t0, t2 - t1, x.grad.shape

    shape, forward, backward, grad_shape = clock.call(step, (model, 8), clock=fake)
    assert shape == (8, 5) and grad_shape == (8, 3, 4, 4)
    assert (forward, backward) == (0.5 + 0.25 * 8, 1.0 + 0.125 * 8)
    assert fake.of_kind("forward") == [8] and fake.of_kind("backward") == [8]
    assert model.weight.grad is not None and model.weight.grad.abs().sum() > 0  # an optimizer step changes it
    with pytest.raises(ValueError, match=r"shape \(B, 3, 4, 4\); got \(8, 48\)"):
        clock.call(lambda m: m(torch.randn(8, 48)), (model,), clock=fake)
    with pytest.raises(RuntimeError, match="only runs inside a timing check"):
        model(torch.randn(2, 3, 4, 4))


# ---- the clock behind a toy exercise --------------------------------------------------------------------------

def _time_twice_reference(fn):
    return {"calls": 2, "seconds": fn.duration(0) + fn.duration(1)}


def _time_twice_adapter(answer):
    def observed(fn):
        fake = clock.FakeClock(fn.start)
        seconds = clock.call(answer, (fn,), clock=fake)
        return {"calls": len(fake.of_kind("work")), "seconds": seconds}
    return observed


TIME_TWICE = Exercise(
    id="time_twice", assignment="tests", signature="time_twice(fn)", reference=_time_twice_reference,
    cases=lambda gen, hidden: [Case((clock.Workload([float(torch.rand((), generator=gen)) + 0.1 for _ in range(3)],
                                                     start=100.0),), label="three durations")],
    adapter=_time_twice_adapter, named_outputs=True, pasteable=False, devices=("cpu",))


def test_a_toy_timing_exercise_is_judged_on_the_fake_clock():
    def right(fn):
        start = time.perf_counter()
        fn()
        fn()
        return time.perf_counter() - start

    def three_calls(fn):
        start = time.perf_counter()
        fn(); fn(); fn()  # noqa: E702
        return time.perf_counter() - start

    def wall_clock(fn):
        start = time.time()
        fn()
        fn()
        return time.time() - start

    assert verdict_for(TIME_TWICE, right, seed=0, hidden=False).passed
    assert "calls: wrong value" in verdict_for(TIME_TWICE, three_calls, seed=0, hidden=False).message
    assert "seconds: wrong value" in verdict_for(TIME_TWICE, wall_clock, seed=0, hidden=False).message


def test_making_a_batch_takes_the_time_it_is_priced_at():
    model = clock.TimedModule((20,), 10, forward_cost=(0.5, 0.0), backward_cost=(0.25, 0.0), input_cost=(2.0, 0.5))

    def made_inside(model, b):
        t0 = time.perf_counter()
        x = torch.randn(b, 20)              # priced: 2 + 0.5 b
        y = torch.zeros(b, 10)              # another shape: free
        z = torch.empty(b, 20).normal_()    # priced once: allocated (free), then filled
        z = torch.zeros(b, 20).uniform_()   # priced twice: written twice
        model(x).sum().backward()           # the model's own tensors (its (10, 20) weight's gradient) are free
        return time.perf_counter() - t0, z.shape, y.shape

    fake = clock.FakeClock(0.0)
    seconds, _, _ = clock.call(made_inside, (model, 4), clock=fake, made=model.input_seconds)
    assert seconds == 4 * (2.0 + 0.5 * 4) + 0.5 + 0.25
    assert fake.of_kind("made") == [(4, 20)] * 4
    free = clock.FakeClock(0.0)
    assert clock.call(made_inside, (model, 4), clock=free)[0] == 0.75  # without `made`, making is free
    assert not torch.overrides._get_current_function_mode_stack() or \
        not any(isinstance(m, clock._Making) for m in torch.overrides._get_current_function_mode_stack())


def test_a_library_reading_the_clock_for_itself_is_not_a_read_of_the_answer():
    # e.g. a gc callback that times collections (hypothesis installs one) firing during the call
    def durations(fn):
        email.utils.localtime()  # library code; and timeit.default_timer read by the library:
        timeit.default_timer()   # <- this one is the answer's own call
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    library = module_from("import time\ndef now():\n    return time.perf_counter()\n", "lib")
    library.now.__code__ = library.now.__code__.replace(co_filename=timeit.__file__)  # pretend: the stdlib's

    def with_library(fn):
        library.now()
        return durations(fn)

    out, fake = run(with_library)
    assert out == DURATIONS[0] and fake.of_kind("read") == [None] * 3
