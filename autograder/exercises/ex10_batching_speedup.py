"""10_batching_speedup: why batches are fast (EE-559 4.3 and 4b "Batch processing").

Two timing exercises, checked against a fake clock (autograder.checks.probes.clock): the work
they time takes seeded, known amounts of fake time, so what they return is compared exactly with
what they should have measured; and two exercises on the linear layer of a batch.

What the profiler records for the ops the linear exercises forbid or require (torch 2.x, CPU):
- F.linear, nn.Linear, torch.ops.aten.linear: `aten::linear`, then `aten::t` and `aten::addmm`
  (2-D input with a bias) or `aten::matmul` (otherwise). Only `linear` names them.
- torch.addmm, Tensor.addmm, torch.ops.aten.addmm: `aten::addmm`. `x @ w.t() + b`: `aten::matmul`,
  `aten::mm`, `aten::add` (no addmm).
"""
from __future__ import annotations

import math
import statistics

import numpy
import torch
import torch.nn.functional as F

from ..checks.cases import DTYPES, pick, randn, size, strided, transposed
from ..checks.probes import clock
from ..checks.registry import register
from ..checks.spec import AnswerKindError, Case, Exercise, Forbid, Mistake, Require

A = "10_batching_speedup"

OTHER_CLOCKS = "clocks other than time.perf_counter read by your code"
PERF_READ = "time.perf_counter read"
SYNC = "torch.cuda.synchronize"
NOT_TIMED = "no timing found (no clock read next to the timed work)"
ALL_SYNCED = "before every start and every stop"

# Devices a timing exercise is called with, in every form the contract allows.
CPU_DEVICES = (None, "cpu", torch.device("cpu"))
CUDA_DEVICES = ("cuda", "cuda:0", torch.device("cuda"))


def _is_cuda(device) -> bool:
    return device is not None and torch.device(device).type == "cuda"


def _device_words(device) -> str:
    if isinstance(device, torch.device):
        return f"device=torch.device({str(device)!r})"
    return f"device={device!r}"


def _number(v):
    """A NumPy scalar as the Python number it stands for (np.median returns np.float64);
    anything else as it is (a tensor stays a tensor: the contract asks for a Python float)."""
    if isinstance(v, numpy.generic) and type(v).__module__ == "numpy" and v.dtype.kind in "iuf":
        return v.item()
    return v


def _answer_kind(answer, what: str):
    if isinstance(answer, type) or not callable(answer):
        kind = f"the class {answer.__name__}" if isinstance(answer, type) else f"a {type(answer).__name__}"
        raise AnswerKindError(f"expected the function {what}, got {kind}")


# ---- median_time --------------------------------------------------------------------------------

MEDIAN_SIGNATURE = "median_time(fn, nb=21, warmup=3, device=None)"
RETURNED = "the returned time (s)"
CALLS = "calls of fn"


def _median_args(args, kwargs):
    """(fn, nb, warmup, device) of a call written in any of the ways Python allows."""
    names = ("fn", "nb", "warmup", "device")
    bound = dict(zip(names, (None, 21, 3, None)))
    bound.update(zip(names, args))
    bound.update(kwargs)
    return bound["fn"], int(bound["nb"]), int(bound["warmup"]), bound["device"]


def _timed_durations(fn, nb, warmup) -> list[float]:
    return [fn.duration(warmup + i) for i in range(nb)]


def _median_bounds(values) -> tuple[float, float]:
    """The lower and upper median: for an odd count both are the median."""
    s = sorted(values)
    n = len(s)
    return s[(n - 1) // 2], s[n // 2]


def _median_observation(fn, nb, warmup, device, calls, returned, sync=ALL_SYNCED,
                        other=(), perf_read="yes") -> dict:
    out = {OTHER_CLOCKS: sorted(set(other)), PERF_READ: perf_read, CALLS: calls}
    if _is_cuda(device):
        out[SYNC] = sync
    lo, hi = _median_bounds(_timed_durations(fn, nb, warmup))
    value = _number(returned)
    # Any value between the two middle times is a median (the contract), up to the rounding of
    # differences of clock readings (about 1e-12 s at a reading of 1e4 s; 1e-9 s in nanoseconds)
    # and of float32: a wrong answer is at least 0.1 % away (the cases are drawn that way).
    slack = 1e-6 * abs(hi) + 2e-9
    if type(value) in (float, int) and lo - slack <= value <= hi + slack:
        value = lo
    out[RETURNED] = value
    return out


def _median_reference(*args, **kwargs):
    fn, nb, warmup, device = _median_args(args, kwargs)
    return _median_observation(fn, nb, warmup, device, warmup + nb, _median_bounds(_timed_durations(fn, nb, warmup))[0])


def _median_adapter(answer):
    _answer_kind(answer, "median_time")

    def observed(*args, **kwargs):
        fn, nb, warmup, device = _median_args(args, kwargs)
        fake = clock.FakeClock(fn.start)
        returned = clock.call(answer, args, kwargs, clock=fake, fake_cuda=_is_cuda(device))
        sync = clock.describe_synchronization(clock.synchronization(fake.events))
        return _median_observation(fn, nb, warmup, device, len(fake.of_kind("work")), returned, sync,
                                   fake.other_reads, "yes" if fake.of_kind("read") else "no")
    return observed


def _durations(gen, nb, warmup, n_extra=8):
    """Seeded durations: a base time between 0.1 ms and 30 ms, timed runs spread to the right
    of it with a few outliers (so that the mean is not the median), warm-up runs 4 to 30 times
    slower (so that timing them, or skipping them, moves the median)."""
    base = round(10 ** (-4 + 2.5 * float(torch.rand((), generator=gen, dtype=torch.float64))), 6)

    def u(lo, hi):
        return lo + (hi - lo) * float(torch.rand((), generator=gen, dtype=torch.float64))

    warm = [round(base * u(4, 30), 7) for _ in range(warmup)]
    timed = []
    for _ in range(nb + n_extra):
        spread = -0.15 * math.log(1 - u(0, 0.999))
        outlier = u(2, 6) if u(0, 1) < 0.15 else 1.0
        timed.append(round(base * (1 + spread) * outlier, 7))
    return warm + timed


def _separates(d, nb, warmup) -> bool:
    """The seeded durations tell the usual mistakes apart from the median: each mistake's value
    is either far from every median or (where it cannot be otherwise, e.g. one timed warm-up
    call with an even nb shifts the median to the upper middle value) a median itself."""
    if len(set(d[:warmup + nb])) < warmup + nb:
        return False
    timed = d[warmup:warmup + nb]
    lo, hi = _median_bounds(timed)

    def outside(v):  # a median, or far beyond the tolerance of the comparison (1e-6 of the value)
        return lo <= v <= hi or v < (1 - 1e-3) * lo or v > (1 + 1e-3) * hi

    wrong = [sum(timed)]
    if nb >= 3:  # for two runs the mean is a median
        wrong.append(statistics.mean(timed))
    if warmup:  # the warm-up timed too; no warm-up (the first nb calls timed)
        wrong += [statistics.median(d[:warmup + nb]), _median_bounds(d[:warmup + nb])[0],
                  statistics.median(d[:nb]), _median_bounds(d[:nb])[0]]
    return nb < 2 or all(outside(v) for v in wrong)


def _median_case(gen, nb, warmup, device, style, label):
    for _ in range(100):
        d = _durations(gen, nb, warmup)
        if _separates(d, nb, warmup):
            break
    start = round(1000 + 9000 * float(torch.rand((), generator=gen, dtype=torch.float64)), 3)
    fn = clock.Workload(d, start=start, repeat_from=warmup)
    if style == "defaults":
        args, kwargs = (fn,), {}
    elif style == "positional":
        args, kwargs = (fn, nb, warmup, device), {}
    else:
        args, kwargs = (fn,), {"nb": nb, "warmup": warmup, "device": device}
    words = f"nb={nb}, warmup={warmup}, {_device_words(device)}"
    if _is_cuda(device):
        words += " (a GPU faked: synchronize recorded)"
    return Case(args, kwargs, label=f"{label}{words}" if label else words)


def _median_cases(gen, hidden):
    cases = [
        _median_case(gen, 21, 3, None, "defaults", "the defaults: "),
        _median_case(gen, 5, 2, "cpu", "positional", ""),
        _median_case(gen, 6, 1, torch.device("cpu"), "keywords", "even nb (any value between the two middle times): "),
        _median_case(gen, 1, 0, None, "keywords", "one timed run, no warm-up: "),
        _median_case(gen, 7, 3, "cuda", "keywords", ""),
        _median_case(gen, 4, 2, torch.device("cuda"), "positional", "even nb: "),
        _median_case(gen, 9, 0, "cuda:0", "keywords", "no warm-up: "),
        _median_case(gen, 3, 1, None, "positional", ""),
    ]
    if hidden:  # every kind of device argument, by position and by keyword, whatever the seed
        for k in range(8):
            nb, warmup = size(gen, 1, 31), size(gen, 0, 5)
            device = (CPU_DEVICES + CUDA_DEVICES)[k % 6]
            cases.append(_median_case(gen, nb, warmup, device, ("positional", "keywords")[k % 2], "random "))
    return cases


def _median_mistake(value_of, calls_of=lambda nb, warmup: warmup + nb):
    def mistake(*args, **kwargs):
        fn, nb, warmup, device = _median_args(args, kwargs)
        d = [fn.duration(k) for k in range(warmup + nb)]
        return _median_observation(fn, nb, warmup, device, calls_of(nb, warmup), value_of(d, nb, warmup))
    return mistake


_TIMED = lambda d, nb, w: d[w:w + nb]  # noqa: E731

register(Exercise(
    id="median_time", assignment=A, signature=MEDIAN_SIGNATURE,
    reference=_median_reference,
    cases=_median_cases, adapter=_median_adapter, named_outputs=True, pasteable=False, devices=("cpu",),
    hints={
        OTHER_CLOCKS: "Time with time.perf_counter, as the contract says: time.time follows the wall clock (it "
                      "jumps when the system's time is adjusted and is coarse on some systems), process_time "
                      "counts CPU time only, and the checks replace perf_counter alone.",
        PERF_READ: "Read time.perf_counter() right before and right after each timed call (the checks replace "
                   "it for the call, however it was imported).",
        CALLS: "Call fn() warmup times untimed, then nb times timed: warmup + nb calls in all, no more.",
        SYNC: "On a GPU, fn() only queues work and returns at once. Call torch.cuda.synchronize() after the last "
              "call of fn and before each clock read that starts a timed call (so that earlier work, the "
              "warm-up's included, is not counted), and after each timed call and before the read that stops "
              "it (so that the call's own work is).",
        RETURNED: "Return the median of the nb timed durations, in seconds, as a Python float (for an even "
                  "nb, any value between the two middle durations).",
    },
    mistakes=[
        Mistake(_median_mistake(lambda d, nb, w: statistics.mean(_TIMED(d, nb, w))),
                "the mean of the timed durations, not their median (one slow run moves the mean)"),
        Mistake(_median_mistake(lambda d, nb, w: 1000 * _median_bounds(_TIMED(d, nb, w))[0]),
                "milliseconds: the contract asks for seconds"),
        Mistake(_median_mistake(lambda d, nb, w: 1000 * _median_bounds(_TIMED(d, nb, w))[1]),
                "milliseconds: the contract asks for seconds"),
        Mistake(_median_mistake(lambda d, nb, w: sum(_TIMED(d, nb, w))),
                "the total time of the nb timed calls, not the median of their durations"),
        Mistake(_median_mistake(lambda d, nb, w: statistics.median(d)),
                "the warm-up calls were timed too: the median is over the nb timed calls only"),
        Mistake(_median_mistake(lambda d, nb, w: _median_bounds(d)[0]),
                "the warm-up calls were timed too: the median is over the nb timed calls only"),
        Mistake(_median_mistake(lambda d, nb, w: statistics.median(d[:nb]), lambda nb, w: nb),
                "no warm-up: the first calls (slow ones: caches, lazy initialisation) were timed"),
        Mistake(_median_mistake(lambda d, nb, w: _median_bounds(d[:nb])[0], lambda nb, w: nb),
                "no warm-up: the first calls (slow ones: caches, lazy initialisation) were timed"),
    ],
))


# ---- throughput_by_batch_size --------------------------------------------------------------------

THROUGHPUT_SIGNATURE = "throughput_by_batch_size(model, input_shape, batch_sizes, device)"
NO_FORWARD = "batch sizes for which the model's forward did not run"
NO_BACKWARD = "batch sizes for which the model's backward did not run"
RESULT = "the result"
PARAMETERS = "the model's parameters after the call"
UNCHANGED = "as they were"


def _throughput_observation(model, batch_sizes, device, result, forward=None, backward=None, sync=ALL_SYNCED,
                            other=(), perf_read="yes", parameters=UNCHANGED) -> dict:
    out = {OTHER_CLOCKS: sorted(set(other)), PERF_READ: perf_read,
           NO_FORWARD: [b for b in batch_sizes if forward is not None and b not in forward],
           NO_BACKWARD: [b for b in batch_sizes if backward is not None and b not in backward],
           PARAMETERS: parameters}
    if _is_cuda(device):
        out[SYNC] = sync
    if type(result) in (list, tuple):
        result = [tuple(_number(v) for v in item) if type(item) in (list, tuple) else _number(item)
                  for item in result]
    out[RESULT] = result
    return out


def _samples_per_second(model, b) -> float:
    return b / (model.forward_seconds(b) + model.backward_seconds(b))


def _throughput_reference(model, input_shape, batch_sizes, device):
    return _throughput_observation(model, batch_sizes, device, [(b, _samples_per_second(model, b)) for b in batch_sizes])


def _throughput_adapter(answer):
    _answer_kind(answer, "throughput_by_batch_size")

    def observed(model, input_shape, batch_sizes, device):
        fake = clock.FakeClock(1000.0 + model.forward_cost[0] * 1e6)
        before = [p.detach().clone() for p in torch.nn.Module.parameters(model)]
        result = clock.call(answer, (model, input_shape, batch_sizes, device), clock=fake, made=model.input_seconds)
        after = list(torch.nn.Module.parameters(model))
        same = len(before) == len(after) and all(a.shape == b.shape and torch.equal(a, b.detach())
                                                 for a, b in zip(before, after))
        sync = clock.describe_synchronization(clock.synchronization(fake.events))
        return _throughput_observation(model, batch_sizes, device, result, set(fake.of_kind("forward")),
                                       set(fake.of_kind("backward")), sync, fake.other_reads,
                                       "yes" if fake.of_kind("read") else "no",
                                       UNCHANGED if same else "changed (by an optimizer step, or another update)")
    return observed


def _throughput_case(gen, input_shape, batch_sizes, device, label=""):
    def u(lo, hi):
        return lo + (hi - lo) * float(torch.rand((), generator=gen, dtype=torch.float64))

    fwd = (round(u(1e-4, 2e-3), 7), round(u(2e-6, 1e-4), 8))
    bwd = (round(fwd[0] * u(1.2, 2.5), 7), round(fwd[1] * u(1.5, 2.5), 8))
    make = (round(fwd[0] * u(0.2, 0.5), 7), round(fwd[1] * u(0.3, 0.8), 8))  # making a batch: not timed
    model = clock.TimedModule(input_shape, 10, fwd, bwd, make)
    if _is_cuda(device):
        model = model.to(device)
    words = f"input_shape={tuple(input_shape)}, batch_sizes={list(batch_sizes)}, {_device_words(device)}"
    return Case((model, tuple(input_shape), list(batch_sizes), device), label=f"{label}{words}")


def _throughput_cases(gen, hidden):
    cases = [
        _throughput_case(gen, (3, 8, 8), [1, 4, 16], "cpu", "images: "),
        _throughput_case(gen, (20,), [8, 2, 32, 1], torch.device("cpu"), "vectors, batch sizes not sorted: "),
        _throughput_case(gen, (1, 28, 28), [5], "cpu", "one batch size: "),
    ]
    if hidden:
        for _ in range(4):
            shape = pick(gen, ((3, 8, 8), (20,), (1, 28, 28), (2, 5, 3)))
            sizes = sorted({size(gen, 1, 64) for _ in range(size(gen, 1, 5))}, key=lambda b: float(torch.rand((), generator=gen)))
            cases.append(_throughput_case(gen, shape, sizes, pick(gen, ("cpu", torch.device("cpu"))), "random "))
    if torch.cuda.is_available():  # a real GPU: the model and the inputs live there
        cases += [_throughput_case(gen, c.args[1], c.args[2], "cuda", "on the GPU: ") for c in list(cases[:2])]
    return cases


def _throughput_mistake(per_batch):
    def mistake(model, input_shape, batch_sizes, device):
        return _throughput_observation(model, batch_sizes, device, [(b, per_batch(model, b)) for b in batch_sizes])
    return mistake


register(Exercise(
    id="throughput_by_batch_size", assignment=A, signature=THROUGHPUT_SIGNATURE,
    reference=_throughput_reference,
    cases=_throughput_cases, adapter=_throughput_adapter, named_outputs=True, pasteable=False, devices=("cpu",),
    hints={
        OTHER_CLOCKS: "Time with time.perf_counter: time.time follows the wall clock (it jumps when the system's "
                      "time is adjusted and is coarse on some systems), and the checks replace perf_counter alone.",
        PERF_READ: "Read time.perf_counter() before the forward and after the backward of each batch size.",
        NO_FORWARD: "For every batch size, build a batch of that many samples of input_shape on device and run "
                    "the model on it.",
        NO_BACKWARD: "Time forward and backward: after the forward, reduce the output to a scalar loss (e.g. "
                     ".sum()) and call .backward() on it, inside the timed span.",
        PARAMETERS: "No optimizer step: the exercise measures the forward and backward passes only, and leaves "
                    "the model as it was given (its .grad may change).",
        SYNC: "On a GPU, the forward and backward only queue work: call torch.cuda.synchronize() between the "
              "last GPU work and each clock read that starts or stops a timing.",
        RESULT: "A list of (batch size, samples per second) pairs, in the order of batch_sizes, each time "
                "covering one forward and one backward (the batch made before the clock starts); samples per "
                "second = batch size / seconds.",
    },
    mistakes=[
        Mistake(_throughput_mistake(lambda m, b: 1 / (m.forward_seconds(b) + m.backward_seconds(b))),
                "batches per second: multiply by the batch size to get samples per second"),
        Mistake(_throughput_mistake(lambda m, b: b / m.forward_seconds(b)),
                "only the forward was timed: the timed span must cover the backward too"),
        Mistake(_throughput_mistake(lambda m, b: b / m.backward_seconds(b)),
                "only the backward was timed: the timed span must cover the forward too"),
        Mistake(_throughput_mistake(lambda m, b: (m.forward_seconds(b) + m.backward_seconds(b)) / b),
                "seconds per sample, the inverse of samples per second"),
        Mistake(_throughput_mistake(lambda m, b: _samples_per_second(m, b) / 1000),
                "samples per millisecond: the contract asks for samples per second"),
        Mistake(_throughput_mistake(lambda m, b: b / (m.forward_seconds(b) + m.backward_seconds(b)
                                                      + m.input_seconds((b, *m.in_shape)))),
                "making the batch was timed too: create it before the clock starts (the timed span covers "
                "the forward and the backward only)"),
    ],
))


# ---- linear_batched ---------------------------------------------------------------------------------

def _linear_case(gen, n, c, d, dtype=torch.float32, label="", layout=None):
    x, w, b = randn(gen, n, c, dtype=dtype), randn(gen, d, c, dtype=dtype), randn(gen, d, dtype=dtype)
    if layout == "non-contiguous":
        x, w, b = transposed(x), transposed(w), strided(b)
    return Case((x, w, b), label=label or f"N={n}, C={c}, D={d}, {str(dtype)[6:]}", grad_args=(0, 1, 2))


def _linear_cases(gen, hidden):
    cases = [
        _linear_case(gen, 4, 3, 2, label="N=4, C=3, D=2, float32"),
        _linear_case(gen, 3, 5, 5, torch.float64, label="C == D = 5 (w used untransposed gives wrong numbers), float64"),
        _linear_case(gen, 4, 2, 4, label="N == D = 4 (the bias added along the wrong dimension gives wrong numbers)"),
        _linear_case(gen, 1, 3, 2, torch.float64, label="N=1"),
        _linear_case(gen, 3, 1, 1, label="C=1 and D=1"),
        _linear_case(gen, 5, 4, 3, label="x and w transposed, b strided (non-contiguous)", layout="non-contiguous"),
    ]
    if hidden:
        for _ in range(5):
            n, c, d = size(gen, 1, 64), size(gen, 1, 40), size(gen, 1, 40)
            dtype, layout = pick(gen, DTYPES), pick(gen, (None, "non-contiguous"))
            cases.append(_linear_case(gen, n, c, d, dtype, f"random N={n}, C={c}, D={d}, {str(dtype)[6:]}"
                                      + (", non-contiguous" if layout else ""), layout))
    return cases


register(Exercise(
    id="linear_batched", assignment=A, signature="linear_batched(x, w, b)",
    reference=lambda x, w, b: F.linear(x, w, b), reference_text="F.linear(x, w, b)",
    cases=_linear_cases,
    forbidden=[Forbid("F.linear / nn.Linear", aten={"linear"}, functions={"linear"},
                      hint="Write the product yourself: F.linear and nn.Linear are what this exercise rebuilds.")],
    required=[Require("torch.addmm", aten={"addmm"}, functions={"addmm"},
                      hint="Compute b + x wᵀ in one fused call, torch.addmm(b, x, w.t()) (as F.linear does for a "
                           "2-D input): `x @ w.t() + b` runs a product and then an addition, two passes over the "
                           "output.", result_of="AddmmBackward0")],
    vectorized=lambda n, gen: _linear_case(gen, n, 3, 2, label=f"N={n} (batch), C=3, D=2"),
    loop_over="the rows (samples) of x",

    mistakes=[
        Mistake(lambda x, w, b: x @ w.t(), "the bias b is missing"),
        Mistake(lambda x, w, b: x @ w + b, "w used as it is: the layer computes x wᵀ, with w of shape (D, C)"),
        Mistake(lambda x, w, b: x @ w.t() + b[:, None], "b added along the wrong dimension: b[d] goes to column d"),
        Mistake(lambda x, w, b: x @ w.t() + 2 * b, "the bias added twice"),
    ],
))


# ---- linear_backward ----------------------------------------------------------------------------

def _backward_reference(grad_s, x, w):
    """The three gradients as autograd computes them through F.linear."""
    xs, ws = x.detach().requires_grad_(), w.detach().requires_grad_()
    bs = torch.zeros(w.shape[0], dtype=w.dtype, device=w.device, requires_grad=True)
    with torch.enable_grad():
        s = F.linear(xs, ws, bs)
        return torch.autograd.grad(s, (xs, ws, bs), grad_s)


def _backward_case(gen, n, c, d, dtype=torch.float32, label="", layout=None):
    g, x, w = randn(gen, n, d, dtype=dtype), randn(gen, n, c, dtype=dtype), randn(gen, d, c, dtype=dtype)
    if layout == "non-contiguous":
        g, x, w = transposed(g), strided(x, 0), transposed(w)
    return Case((g, x, w), label=label or f"N={n}, C={c}, D={d}, {str(dtype)[6:]}")


def _backward_cases(gen, hidden):
    cases = [
        _backward_case(gen, 4, 3, 2, label="N=4, C=3, D=2, float32"),
        _backward_case(gen, 5, 4, 4, torch.float64, label="C == D = 4 (a transposed grad_w gives wrong numbers), float64"),
        _backward_case(gen, 3, 2, 3, label="N == D = 3"),
        _backward_case(gen, 1, 3, 2, torch.float64, label="N=1"),
        _backward_case(gen, 2, 1, 1, label="C=1 and D=1"),
        _backward_case(gen, 6, 3, 4, label="grad_s and w transposed, x strided (non-contiguous)", layout="non-contiguous"),
    ]
    if hidden:
        for _ in range(5):
            n, c, d = size(gen, 1, 64), size(gen, 1, 40), size(gen, 1, 40)
            dtype, layout = pick(gen, DTYPES), pick(gen, (None, "non-contiguous"))
            cases.append(_backward_case(gen, n, c, d, dtype, f"random N={n}, C={c}, D={d}, {str(dtype)[6:]}"
                                        + (", non-contiguous" if layout else ""), layout))
    return cases


register(Exercise(
    id="linear_backward", assignment=A, signature="linear_backward(grad_s, x, w)",
    reference=_backward_reference,
    reference_text="torch.autograd.grad(F.linear(x, w, b), (x, w, b), grad_s)",
    cases=_backward_cases, no_autograd=True, outputs=("grad_x", "grad_w", "grad_b"),
    # grad_w = grad_sᵀ x sums N products per entry; autograd's addmm backward multiplies in
    # another memory order than a student's grad_s.t() @ x, so float32 sums may round apart.
    tolerances={torch.float32: (1e-5, 1e-5)},
    mistakes=[
        Mistake(lambda g, x, w: (g @ w, g.t() @ x, g.mean(0)),
                "grad_b is the mean of grad_s over the batch: the bias is added to every sample's output, so "
                "its gradient is the SUM over the samples"),
        Mistake(lambda g, x, w: (g @ w, x.t() @ g, g.sum(0)),
                "grad_w transposed: it has w's shape (D, C), grad_sᵀ x"),
        Mistake(lambda g, x, w: (g @ w / g.shape[0], g.t() @ x / g.shape[0], g.sum(0) / g.shape[0]),
                "every gradient divided by N: grad_s is already the gradient of the loss, averaged or not"),
        Mistake(lambda g, x, w: (g @ w, g.t() @ x / g.shape[0], g.sum(0)),
                "grad_w divided by N: it is the sum over the samples of their outer products"),
    ],
))
