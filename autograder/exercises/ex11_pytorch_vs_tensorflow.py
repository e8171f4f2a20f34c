"""11_pytorch_vs_tensorflow: two frameworks (Lecture 4 "TensorFlow", "Static Graph vs. Dynamic Graph",
"Keras").

NumPy in, NumPy out, in the inputs' dtype. The references are PyTorch: autograd in float64 for the
gradients (rounded to the inputs' dtype), the torch module itself for the Keras model, a torch
training run for the two curves. So the judge never needs TensorFlow: it runs only beside the
student's code (the adapters, in the notebook's kernel or the grader's sandbox), and this module
imports none of it (autograder.checks.probes.tensorflow imports it when it is used).

How TensorFlow is observed (probes/tensorflow.py `Watch`): TensorFlow's op callbacks see every op
executed eagerly and every op added to a graph, and where (eagerly, the global default graph, another
graph); GradientTape's gradient methods and Session.run are counted; eager execution, the other
switches of `disable_v2_behavior` and the global default graph are read before and after the call,
and put back afterwards. Each answer runs with TensorFlow 2's defaults on, whatever an earlier cell did.
How torch is observed: the checking library's Recorder (the profiler's RecordFunction hooks) sees every
aten op the answer runs; `numpy_grads` and the two TensorFlow gradient exercises forbid all of them
(`torch.from_numpy` alone runs no op, but anything computed with the tensor does, and `.numpy()`,
`np.asarray(t)` and `.tolist()` are recorded by the library's TorchFunctionMode).

The TensorFlow observations reach the judge as `extras`: the adapter's wrapper keeps them for the
output object it returned (`_SEEN`), and `extras` hands them over for that output. The reference's
output is never one of those objects, so on the reference's side `extras` gives what a right answer
shows (`_IDEAL`).
"""
from __future__ import annotations

import functools
import math

import numpy
import torch
import torch.nn as nn
import torch.nn.functional as F

from ..checks.cases import size
from ..checks.probes import tensorflow as tfprobe
from ..checks.probes.sealed import sealed
from ..checks.registry import register
from ..checks.spec import AnswerKindError, Case, Exercise, Forbid, Mistake, Require

A = "11_pytorch_vs_tensorflow"
NUMPY_DTYPES = (numpy.float32, numpy.float64)


# ---- inputs ----------------------------------------------------------------------------------------

def _randn(gen, *shape, dtype=numpy.float32, scale=1.0) -> numpy.ndarray:
    """Seeded NumPy values (drawn by torch's generator in float64, then rounded to `dtype`)."""
    return (scale * torch.randn(shape, generator=gen, dtype=torch.float64)).numpy().astype(dtype)


def _noncontiguous(a: numpy.ndarray) -> numpy.ndarray:
    """The same values as `a`, as the transpose of a C-contiguous array: a view with Fortran
    strides, which is not C-contiguous (it keeps that layout when pickled to the grader's sandbox).
    `a` has no size-1 dimension: NumPy counts such an array as contiguous in both orders."""
    if min(a.shape) < 2:
        raise ValueError(f"an array of shape {a.shape} cannot be made non-contiguous by a transpose")
    return numpy.ascontiguousarray(a.T).T


def _dtype_name(dtype) -> str:
    return numpy.dtype(dtype).name


def _uniform(gen, lo: float, hi: float) -> float:
    return lo + (hi - lo) * float(torch.rand((), generator=gen, dtype=torch.float64))


# ---- the answer, run under the TensorFlow watch ------------------------------------------------------

_SEEN: dict = {}  # id(output) -> (output, observations): what the last call of an answer showed


def _answer_kind(answer, name: str):
    if isinstance(answer, type) or not callable(answer):
        kind = f"the class {answer.__name__}" if isinstance(answer, type) else f"a {type(answer).__name__}"
        raise AnswerKindError(f"expected the function {name}, got {kind}")


def _watched_call(answer, observe, normalise, args, kwargs):
    """Call the answer under a TensorFlow watch; keep `observe(watch, output, args)` for its output
    (see `_extras`)."""
    _SEEN.clear()
    with tfprobe.Watch() as watch:
        out = answer(*args, **kwargs)
    out = normalise(out)
    _SEEN[id(out)] = (out, observe(watch, out, args))
    return out


_WATCHED = sealed(_watched_call, tfprobe)


def _describe(out) -> str:
    if type(out) in (tuple, list):
        return f"a {type(out).__name__} of {len(out)} item{'s' if len(out) != 1 else ''}"
    return "None" if out is None else f"a {type(out).__module__}.{type(out).__qualname__}"


def _named(name: str, names: tuple[str, ...], item=lambda v: v):
    """A normaliser: the answer's tuple (or list) of len(names) items as {name: item}, so that each
    part is checked under its own name with its own hint; anything else is a TypeError that says
    what was returned."""
    def normalise(out):
        if type(out) in (tuple, list) and len(out) == len(names):
            return {n: item(v) for n, v in zip(names, out)}
        raise TypeError(f"{name} must return a tuple ({', '.join(names)}) of {len(names)} items; "
                        f"it returned {_describe(out)}")
    return normalise


def _named_fn(fn, names: tuple[str, ...]):
    """`fn`'s tuple result as the {name: item} dict the checks compare (references, mistakes)."""
    @functools.wraps(fn)
    def named(*args, **kwargs):
        return dict(zip(names, fn(*args, **kwargs)))
    return named


def _watching(name: str, observe, normalise=lambda out: out):
    def adapter(answer):
        _answer_kind(answer, name)

        def call(*args, **kwargs):
            return _WATCHED(answer, observe, normalise, args, kwargs)
        return call
    return adapter


def _extras(ideal):
    """extras: what the watch saw while the answer produced `output`; for any other output (the
    reference's) what a right answer shows: `ideal`, a dict, or a function of the case's arguments
    that gives it."""
    def extras(output, case, args, recorder):
        seen = _SEEN.pop(id(output), None)
        if seen is None or seen[0] is not output:
            return dict(ideal(args) if callable(ideal) else ideal)
        return seen[1]
    return extras


# Every aten op and every torch function the library's recorders can see: `numpy_grads` and the
# two TensorFlow gradient exercises may not run any of them.
def _all_torch_names() -> tuple[frozenset, frozenset]:
    aten = {n.split("::", 1)[1].split(".")[0] for n in torch._C._dispatch_get_all_op_names() if n.startswith("aten::")}
    functions = {"tensor", "as_tensor", "from_numpy", "numpy", "tolist", "__array__", "item", "backward", "grad"}
    for namespace in torch.overrides.get_overridable_functions().values():
        for f in namespace:
            functions.add(getattr(f, "__name__", str(f)).split(".")[0])
    return frozenset(aten), frozenset(functions)


_TORCH_ATEN, _TORCH_FUNCTIONS = _all_torch_names()


def _no_torch(hint: str) -> Forbid:
    return Forbid("torch", aten=_TORCH_ATEN, functions=_TORCH_FUNCTIONS, hint=hint)


def _as_numpy_dtype(a) -> numpy.dtype:
    return numpy.asarray(a).dtype


# ---- numpy_grads -----------------------------------------------------------------------------------

TF_USE = "TensorFlow in numpy_grads"
GRADS_XYZ = ("grad_x", "grad_y", "grad_z")


def _numpy_grads_reference(x, y, z):
    """torch autograd on a = x * y, b = a + z, c = b.sum(), in the inputs' dtype."""
    xs, ys, zs = (torch.from_numpy(numpy.array(a)).requires_grad_() for a in (x, y, z))
    with torch.enable_grad():
        c = (xs * ys + zs).sum()
        gx, gy, gz = torch.autograd.grad(c, [xs, ys, zs])
    return gx.numpy(), gy.numpy(), gz.numpy()


def _numpy_grads_cases(gen, hidden):
    def three(n, d, dtype):
        return tuple(_randn(gen, n, d, dtype=dtype) for _ in range(3))

    slides = numpy.random.RandomState(0)  # the slides' np.random.seed(0); N, D = 3, 4
    x, y, z = (slides.randn(3, 4) for _ in range(3))
    cases = [
        Case((x, y, z), label="the slides' x, y, z (np.random.seed(0), N, D = 3, 4), float64"),
        Case(three(5, 2, numpy.float32), label="N=5, D=2, float32"),
        Case(three(1, 6, numpy.float32), label="N=1, D=6, float32"),
    ]
    x, y, z = three(4, 3, numpy.float64)
    cases.append(Case((_noncontiguous(x), _noncontiguous(y), _noncontiguous(z)),
                      label="N=4, D=3, float64, x, y and z non-contiguous (transposed views)"))
    if hidden:
        for k, dtype in enumerate((numpy.float32, numpy.float64, numpy.float32)):
            n, d = size(gen, 2, 9), size(gen, 2, 9)  # sizes of 1 are fixed cases: kinds never depend on the seed
            x, y, z = three(n, d, dtype)
            if k == 2:
                cases.append(Case((x, _noncontiguous(y), z), label=f"random N={n}, D={d}, float32, y non-contiguous"))
            else:
                cases.append(Case((x, y, z), label=f"random N={n}, D={d}, {_dtype_name(dtype)}"))
    return cases


def _numpy_grads_observe(watch, out, args) -> dict:
    return {TF_USE: watch.describe_use()}


register(Exercise(
    id="numpy_grads", assignment=A, signature="numpy_grads(x, y, z)",
    reference=_named_fn(_numpy_grads_reference, GRADS_XYZ),
    reference_text="torch autograd on c = (x * y + z).sum(): x.grad, y.grad, z.grad",
    cases=_numpy_grads_cases, devices=("cpu",), pasteable=False, no_autograd=True, named_outputs=True,
    adapter=_watching("numpy_grads", _numpy_grads_observe, _named("numpy_grads", GRADS_XYZ)),
    hints={
        "grad_x": "grad_x = dc/dx, an array of x's shape and dtype: the product a = x * y sends x the incoming "
                  "gradient (ones) times the other factor, y.",
        "grad_y": "grad_y = dc/dy, an array of y's shape and dtype: the incoming gradient (ones) times x.",
        "grad_z": "grad_z = dc/dz, an array of z's shape and dtype: the addition b = a + z passes the gradient of "
                  "the sum (ones everywhere, np.ones_like(z)) on unchanged.",
    },
    extras=_extras({TF_USE: "not used"}),
    extras_text={TF_USE: ("TensorFlow while numpy_grads ran",
                          "numpy_grads is the backward pass by hand, in NumPy: no TensorFlow op may run (nor any "
                          "torch op). The gradients of a product and a sum are plain arrays: the other factor, "
                          "and ones (np.ones_like keeps the shape and the dtype).")},
    forbidden=[_no_torch("numpy_grads is by hand, in NumPy: the point is to see what a framework saves you. "
                         "No torch (not even torch.from_numpy to use autograd), no TensorFlow.")],
    mistakes=[
        Mistake(_named_fn(lambda x, y, z: (x, y, numpy.ones_like(z)), GRADS_XYZ),
                "grad_x and grad_y are swapped: the derivative of a = x * y with respect to x is the other "
                "factor, y (and with respect to y it is x)"),
        Mistake(_named_fn(lambda x, y, z: (y, x, z), GRADS_XYZ),
                "grad_z is z: c = sum(x * y + z), so dc/dz is 1 everywhere (ones of z's shape)"),
        Mistake(_named_fn(lambda x, y, z: (y, x, numpy.zeros_like(z)), GRADS_XYZ),
                "grad_z is zeros: z is added to a, so dc/dz = dc/db = 1 everywhere"),
    ],
))


# ---- tf_two_layer_grads and tf_static_graph_grads -----------------------------------------------------

def _two_layer_torch(x, y, w1, w2, *, rows="mean", relu=True, squared=True):
    """loss = mean over rows of sum over columns of (relu(x w1) w2 - y)^2, and torch autograd's
    gradients for w1 and w2, in float64, rounded to x's dtype. The keywords make known mistakes."""
    dtype = _as_numpy_dtype(x)
    xs, ys = (torch.from_numpy(numpy.array(a, dtype=numpy.float64)) for a in (x, y))
    w1s, w2s = (torch.from_numpy(numpy.array(a, dtype=numpy.float64)).requires_grad_() for a in (w1, w2))
    with torch.enable_grad():
        h = xs @ w1s
        diff = (torch.relu(h) if relu else h) @ w2s - ys
        per_entry = diff ** 2 if squared else diff.abs()
        if rows == "mean":
            loss = per_entry.sum(dim=1).mean()
        elif rows == "sum":
            loss = per_entry.sum()
        else:  # the mean over every entry: Keras's MeanSquaredError
            loss = per_entry.mean()
        g1, g2 = torch.autograd.grad(loss, [w1s, w2s])
    return dtype.type(loss.item()), g1.numpy().astype(dtype), g2.numpy().astype(dtype)


LOSS_GRADS = ("loss", "grad_w1", "grad_w2")
_two_layer_reference = _named_fn(_two_layer_torch, LOSS_GRADS)


def _net(gen, n, d, h, d_out, dtype):
    return (_randn(gen, n, d, dtype=dtype), _randn(gen, n, d_out, dtype=dtype),
            _randn(gen, d, h, dtype=dtype), _randn(gen, h, d_out, dtype=dtype))


def _two_layer_cases(gen, hidden, *, lecture: bool = True):
    def words(n, d, h, d_out, dtype):
        return f"N={n}, D={d}, H={h}, D_out={d_out}, {_dtype_name(dtype)}"

    cases = [
        Case(_net(gen, 4, 5, 3, 2, numpy.float32), label=words(4, 5, 3, 2, numpy.float32)),
        Case(_net(gen, 6, 3, 7, 4, numpy.float64), label=words(6, 3, 7, 4, numpy.float64)),
        Case(_net(gen, 1, 4, 5, 1, numpy.float32), label="N=1, D_out=1, float32"),
    ]
    x, y, w1, w2 = _net(gen, 5, 4, 3, 2, numpy.float64)
    cases.append(Case((numpy.abs(x), y, -numpy.abs(w1), w2),
                      label="every hidden unit off (x > 0, w1 < 0): zero gradients, float64"))
    x, y, w1, w2 = _net(gen, 3, 6, 4, 5, numpy.float32)
    cases.append(Case((_noncontiguous(x), y, w1, _noncontiguous(w2)),
                      label="x and w2 non-contiguous (transposed views), float32"))
    if hidden:
        if lecture:
            cases.append(Case(_net(gen, 64, 1000, 100, 10, numpy.float64),
                              label="the lecture's N, D, H, D_out = 64, 1000, 100, 10, float64"))
        for k, dtype in enumerate((numpy.float32, numpy.float64, numpy.float32)):
            dims = tuple(size(gen, 2, 9) for _ in range(4))  # sizes of 1: the fixed cases
            x, y, w1, w2 = _net(gen, *dims, dtype)
            if k == 2:
                cases.append(Case((_noncontiguous(x), y, w1, _noncontiguous(w2)),
                                  label="random " + words(*dims, dtype) + ", x and w2 non-contiguous"))
            else:
                cases.append(Case((x, y, w1, w2), label="random " + words(*dims, dtype)))
    return cases


_TWO_LAYER_MISTAKES = [
    Mistake(_named_fn(functools.partial(_two_layer_torch, rows="sum"), LOSS_GRADS),
            "the loss sums over the rows too: it is the mean over the rows (the N samples) of each row's sum of "
            "squares, tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))"),
    Mistake(_named_fn(functools.partial(_two_layer_torch, rows="entries"), LOSS_GRADS),
            "the mean over every entry (Keras's MeanSquaredError, tf.reduce_mean(diff ** 2)): the loss here sums "
            "each row's squares first, then averages over the rows, tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))"),
    Mistake(_named_fn(functools.partial(_two_layer_torch, relu=False), LOSS_GRADS),
            "no ReLU: h = relu(x w1) (tf.maximum(tf.matmul(x, w1), 0) or tf.nn.relu); the slides' "
            "\"Optimizer and Loss\" page dropped it"),
]

# float32 answers are compared with the float64 reference rounded to float32: a right float32
# computation differs from it by the rounding of its matmuls and sums. Measured on 3000 random
# float32 cases with every size <= 9 (half through a GradientTape, half through a static graph, a
# third with a non-contiguous x): with rtol=1e-5 the largest atol needed was 5e-6, so atol=1e-4
# leaves a margin of 20 for other right formulas. Wrong answers differ by O(1).
# float64 answers: measured on 600 random float64 cases (the lecture's sizes included), TensorFlow's
# gradients agree with the float64 reference within rtol=1e-9 with no atol at all; a float64 answer
# computed in float32 and cast back differs by 1e-7 relative, inside the default float64 tolerance
# (1e-7, 1e-7) on 12 % of small cases: hence (1e-9, 1e-9).
_TWO_LAYER_TOLERANCES = {torch.float32: (1e-5, 1e-4), torch.float64: (1e-9, 1e-9)}
_FLOAT64_WORDS = (" float64 results are compared within 1e-9 (relative): computed in float32 and cast back, they carry "
                  "float32's rounding (the 7th digit).")
_TWO_LAYER_HINTS = {
    "loss": "The loss is the mean over the N rows of each row's sum of squared errors, "
            "tf.reduce_mean(tf.reduce_sum((y_pred - y) ** 2, axis=1)), returned as a NumPy scalar in the inputs' "
            "dtype (loss.numpy())." + _FLOAT64_WORDS,
    "grad_w1": "grad_w1 is the gradient of that loss with respect to w1: a NumPy array of w1's shape (D, H), "
               "in the inputs' dtype (.numpy() of what the gradient computation returns)." + _FLOAT64_WORDS,
    "grad_w2": "grad_w2 is the gradient of that loss with respect to w2: a NumPy array of w2's shape (H, D_out), "
               "in the inputs' dtype." + _FLOAT64_WORDS,
}

TAPE = "tf.GradientTape"
TAPE_USED = "used: grad_w1 and grad_w2 are what tape.gradient returned"


def _same_values(returned, kept) -> bool:
    """Whether the NumPy array `returned` holds exactly the values of `kept` (what a gradient method
    gave), compared in the narrower of their two dtypes (a float32 gradient cast to float64 and back
    is itself)."""
    if type(returned) is not numpy.ndarray or returned.shape != kept.shape:
        return False
    a, b = returned, kept
    if a.dtype != b.dtype:
        narrow = a.dtype if a.dtype.itemsize <= b.dtype.itemsize else b.dtype
        a, b = a.astype(narrow), b.astype(narrow)
    return bool(numpy.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))


def _tape_observe(watch, out, args) -> dict:
    if not watch.gradient_calls():
        return {TAPE: "not used: no tape.gradient call" + ("" if watch.used_tensorflow() else ", and no TensorFlow "
                                                                                               "op ran")}
    returned = out if isinstance(out, dict) else {}
    other = [k for k in LOSS_GRADS[1:] if not any(_same_values(returned.get(k), g) for g in watch.gradients)]
    if not other:
        return {TAPE: TAPE_USED}
    return {TAPE: f"tape.gradient was called, but {' and '.join(other)} {'is' if len(other) == 1 else 'are'} not "
                  "what it returned (its result was left unused, or the returned arrays were computed otherwise)"}


register(Exercise(
    id="tf_two_layer_grads", assignment=A, signature="tf_two_layer_grads(x, y, w1, w2)",
    reference=_two_layer_reference,
    reference_text="loss = (relu(x @ w1) @ w2 - y).pow(2).sum(1).mean() and torch.autograd.grad, in float64",
    cases=_two_layer_cases, devices=("cpu",), pasteable=False,
    named_outputs=True, hints=_TWO_LAYER_HINTS, tolerances=_TWO_LAYER_TOLERANCES,
    adapter=_watching("tf_two_layer_grads", _tape_observe, _named("tf_two_layer_grads", LOSS_GRADS)),
    extras=_extras({TAPE: TAPE_USED}),
    extras_text={TAPE: ("tf.GradientTape",
                        "Compute the forward pass inside `with tf.GradientTape() as tape:` (on tf.Variable weights, "
                        "or after tape.watch(...) for constants), then tape.gradient(loss, [w1, w2]), and return "
                        "what it gives (g.numpy()): the check compares the arrays you return with the values "
                        "tape.gradient returned.")},
    forbidden=[_no_torch("tf_two_layer_grads is TensorFlow's autograd: the gradients come from tf.GradientTape, "
                         "not from torch.")],
    mistakes=_TWO_LAYER_MISTAKES,
))


STARTED = "TensorFlow 2 when the check started"
SWITCHES = "TensorFlow's global switches after the call"
DEFAULT_GRAPH = "the default graph after the call"
PLACEHOLDERS = "placeholders in a graph of your own"
SESSION = "Session.run"
ALL_ON = "unchanged (eager execution and TensorFlow 2's other switches on)"
OWN_GRAPH = "tf.compat.v1.placeholder ops in a tf.Graph() of your own"
RAN = "called"
GRAPH_PLACEHOLDERS = "the placeholders of your graph"
FED = "what Session.run was fed"
INPUTS = ("x", "y", "w1", "w2")


def _placeholder_words(dtypes: list[str]) -> str:
    """'4 placeholders, all float64', '1 placeholder, float64', '3 placeholders: float32, float64, float64'."""
    n = len(dtypes)
    if not n:
        return "none"
    kinds = sorted(set(dtypes))
    if len(kinds) == 1:
        return f"{n} placeholder{'s' if n != 1 else ''}, {'all ' if n > 1 else ''}{kinds[0]}"
    return f"{n} placeholders: {', '.join(sorted(dtypes))}"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _which_input(entry: dict, args) -> str | None:
    """The input (x, y, w1, w2) a fed value is: the object itself, or an array of its shape and values."""
    for name, a in zip(INPUTS, args):
        if entry["value id"] == id(a):
            return name
    value = entry["value"]
    if not isinstance(value, numpy.ndarray):
        return None
    for name, a in zip(INPUTS, args):
        if isinstance(a, numpy.ndarray) and value.shape == a.shape and numpy.array_equal(value, a):
            return name
    return None


def _fed_words(feeds: list[list[dict]], args) -> str:
    """What the Session.run calls fed, in words: "x, y, w1 and w2" when every input went into a
    placeholder; values that are none of the inputs, or went into another op, are named."""
    if not any(feeds):
        return "nothing: no feed_dict"
    fed, others = set(), set()
    for run in feeds:
        for entry in run:
            which = _which_input(entry, args)
            if which is None:
                shape = getattr(entry["value"], "shape", None)
                others.add("a value that is none of the inputs" + (f" (shape {tuple(shape)})" if shape is not None
                                                                   else ""))
            elif entry["op"] != "Placeholder":
                others.add(f"{which} into a {entry['op']} op, not a placeholder")
            else:
                fed.add(which)
    words = _and([n for n in INPUTS if n in fed]) if fed else "none of the inputs into a placeholder"
    return words + ("; and " + "; ".join(sorted(others)) if others else "")


def _static_ideal(args) -> dict:
    dtype = numpy.asarray(args[0]).dtype.name
    return {STARTED: "on", SWITCHES: ALL_ON, DEFAULT_GRAPH: "unchanged", PLACEHOLDERS: OWN_GRAPH, SESSION: RAN,
            GRAPH_PLACEHOLDERS: _placeholder_words([dtype] * len(INPUTS)), FED: _and(list(INPUTS))}


def _static_observe(watch, out, args) -> dict:
    report = watch.report()
    changed = report.get("switches changed", [])
    own = watch.count("Placeholder", tfprobe.OTHER_GRAPH)
    default = watch.count("Placeholder", tfprobe.DEFAULT_GRAPH)
    if own:
        placeholders = OWN_GRAPH
    elif default:
        placeholders = "tf.compat.v1.placeholder ops in the global default graph only"
    else:
        placeholders = "no tf.compat.v1.placeholder op was created"
    runs = watch.calls["Session.run"]
    off = report.get("switches off when the watch started", [])
    return {
        STARTED: "on" if not off else "off (" + ", ".join(off) + ")",
        SWITCHES: ALL_ON if not changed else "changed: " + ", ".join(changed),
        DEFAULT_GRAPH: report.get("default graph", "unchanged"),
        PLACEHOLDERS: placeholders,
        SESSION: RAN if runs else "never called: the values must come out of a tf.compat.v1.Session's run",
        GRAPH_PLACEHOLDERS: _placeholder_words([p["dtype"] for p in watch.placeholders
                                                if p["where"] == tfprobe.OTHER_GRAPH and not p["traced function"]]),
        FED: _fed_words(watch.feeds, args),
    }


register(Exercise(
    id="tf_static_graph_grads", assignment=A, signature="tf_static_graph_grads(x, y, w1, w2)",
    reference=_two_layer_reference,
    reference_text="loss = (relu(x @ w1) @ w2 - y).pow(2).sum(1).mean() and torch.autograd.grad, in float64",
    cases=functools.partial(_two_layer_cases, lecture=True), devices=("cpu",), pasteable=False,
    named_outputs=True, hints=_TWO_LAYER_HINTS, tolerances=_TWO_LAYER_TOLERANCES,
    adapter=_watching("tf_static_graph_grads", _static_observe, _named("tf_static_graph_grads", LOSS_GRADS)),
    extras=_extras(_static_ideal),
    extras_text={
        STARTED: (STARTED,
                  "TensorFlow 2 was already switched off before your function ran: a cell of the notebook called "
                  "tf.compat.v1.disable_v2_behavior() or disable_eager_execution() (the slides' first lines), "
                  "perhaps at the top of this exercise's cell. That holds for every later cell and cannot be undone: "
                  "remove the call, restart the kernel and run the notebook again. (The check itself ran your "
                  "function with TensorFlow 2 on.)"),
        SWITCHES: (SWITCHES,
                   "tf.compat.v1.disable_eager_execution() and tf.compat.v1.disable_v2_behavior() (the slides' "
                   "first line) switch TensorFlow 2 off for the whole process, every later cell included, and "
                   "cannot be undone. Leave them out: inside `with tf.Graph().as_default():` placeholders, "
                   "tf.gradients and a Session work while the rest of the program stays eager."),
        DEFAULT_GRAPH: (DEFAULT_GRAPH,
                        "Build the graph in a graph of your own: `g = tf.Graph()`, then `with g.as_default():` "
                        "around the placeholders and ops, and `tf.compat.v1.Session(graph=g)`. Ops added to the "
                        "process's default graph stay there for every later user of it."),
        PLACEHOLDERS: (PLACEHOLDERS,
                       "Declare x, y, w1 and w2 as tf.compat.v1.placeholder(dtype, shape) inside your graph and "
                       "feed the arrays through feed_dict: the graph is built first, the data comes later."),
        SESSION: (SESSION,
                  "Run the graph with `with tf.compat.v1.Session(graph=g) as sess: sess.run([loss, grad_w1, "
                  "grad_w2], feed_dict={...})`."),
        GRAPH_PLACEHOLDERS: (GRAPH_PLACEHOLDERS,
                             "One tf.compat.v1.placeholder per input, x, y, w1 and w2, each in the inputs' dtype "
                             "(tf.as_dtype(x.dtype)), created inside your graph: the weights are inputs of the graph "
                             "too, not constants baked into it (tf.constant), and nothing more is declared."),
        FED: (FED,
              "Give the arrays to the session as data: sess.run(fetches, feed_dict={x_ph: x, y_ph: y, w1_ph: w1, "
              "w2_ph: w2}), each input fed to its placeholder as it was passed to your function."),
    },
    forbidden=[_no_torch("tf_static_graph_grads is TensorFlow's static graph: no torch inside.")],
    mistakes=_TWO_LAYER_MISTAKES,
))


# ---- torch_to_keras -------------------------------------------------------------------------------

RESULT = "the result"
KERNELS = "Dense kernels"
BIASES = "Dense biases"
OUTPUTS = "outputs on the check's inputs"
SEQUENTIAL = "a keras.Sequential"
LAYERS = "the Keras layers"


def _layer_words(words: list[str]) -> str:
    return " - ".join(words) if words else "no layers"


def _keras_observe_model(model, inputs) -> dict:
    data = tfprobe.keras_model(model, inputs)
    if not data["Sequential"]:
        return {RESULT: f"{data['class']} (not a keras.Sequential)"}
    return {RESULT: SEQUENTIAL, KERNELS: data["Dense kernels"], BIASES: data["Dense biases"],
            OUTPUTS: data["outputs"], LAYERS: _layer_words(data["canonical layers"])}


def _torch_to_keras_adapter(answer):
    _answer_kind(answer, "torch_to_keras")

    def call(mlp, inputs):
        with tfprobe.Watch():
            model = answer(mlp)
            return _keras_observe_model(model, inputs)
    return call


def _torch_to_keras_reference(mlp, inputs):
    """What the Keras copy of `mlp` shows: Dense kernels = Linear weights transposed, the biases
    (zeros where a Linear has none), and the torch module's own outputs on `inputs` (float32)."""
    kernels, biases, words = [], [], []
    for layer in mlp:
        words.append("Dense" if isinstance(layer, nn.Linear) else "ReLU" if isinstance(layer, nn.ReLU)
                     else type(layer).__name__)
        if isinstance(layer, nn.Linear):
            kernels.append(layer.weight.detach().t().contiguous().numpy().copy())
            b = layer.bias
            biases.append(b.detach().numpy().copy() if b is not None else
                          numpy.zeros(layer.out_features, dtype=numpy.float32))
    with torch.no_grad():
        out = mlp(torch.from_numpy(numpy.array(inputs))).numpy()
    return {RESULT: SEQUENTIAL, KERNELS: kernels, BIASES: biases, OUTPUTS: out, LAYERS: _layer_words(words)}


def _mlp(gen, sizes, *, relu_after=(), no_bias=()) -> nn.Sequential:
    """Linear(sizes[0], sizes[1]), ReLU, Linear(...), ...: a ReLU after each Linear but the last, and
    after the last too when it is in `relu_after`; weights drawn from `gen`, float32."""
    layers = []
    for i, (d_in, d_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        # no initialisation (it would draw from torch's global generator): the values come from gen
        linear = torch.nn.utils.skip_init(nn.Linear, d_in, d_out, bias=i not in no_bias)
        with torch.no_grad():
            linear.weight.copy_(torch.randn(d_out, d_in, generator=gen, dtype=torch.float64) / math.sqrt(d_in))
            if linear.bias is not None:
                linear.bias.copy_(0.5 * torch.randn(d_out, generator=gen, dtype=torch.float64))
        layers.append(linear)
        if i < len(sizes) - 2 or i in relu_after:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def _describe_mlp(mlp: nn.Sequential) -> str:
    parts = []
    for layer in mlp:
        if isinstance(layer, nn.Linear):
            parts.append(f"Linear({layer.in_features}, {layer.out_features}{', bias=False' if layer.bias is None else ''})")
        else:
            parts.append(type(layer).__name__)
    return " - ".join(parts)


def _keras_case(gen, sizes, n, words="", **kw) -> Case:
    mlp = _mlp(gen, sizes, **kw)
    inputs = _randn(gen, n, sizes[0], dtype=numpy.float32)
    label = f"{words}{_describe_mlp(mlp)}, {n} input row{'s' if n != 1 else ''}"
    return Case((mlp, inputs), label=label)


def _torch_to_keras_cases(gen, hidden):
    cases = [
        _keras_case(gen, (4, 3, 2), 5),
        _keras_case(gen, (3, 3, 3), 1, "square layers (a kernel that is not transposed still fits): "),
        _keras_case(gen, (5, 8, 6, 1), 4, "three layers, the second without a bias: ", no_bias=(1,)),
        _keras_case(gen, (2, 4), 3, "a single layer: "),
        _keras_case(gen, (3, 5, 2), 6, "a ReLU after the last layer too: ", relu_after=(1,)),
    ]
    if hidden:
        for k in range(4):
            depth = 2 + k % 2
            sizes = tuple(size(gen, 1, 9) for _ in range(depth + 1))
            kw = {"no_bias": (0,)} if k == 1 else {"relu_after": (depth - 1,)} if k == 2 else {}
            cases.append(_keras_case(gen, sizes, size(gen, 1, 8), "random: ", **kw))
        sizes = (size(gen, 2, 6),) * 3
        cases.append(_keras_case(gen, sizes, size(gen, 1, 8), "random square layers: "))
    return cases


def _keras_untransposed(mlp, inputs):
    kernels, biases = [], []
    for layer in mlp:
        if isinstance(layer, nn.Linear):
            kernels.append(layer.weight.detach().numpy().copy())
            biases.append(layer.bias.detach().numpy().copy() if layer.bias is not None else
                          numpy.zeros(layer.out_features, dtype=numpy.float32))
    return kernels, biases


register(Exercise(
    id="torch_to_keras", assignment=A, signature="torch_to_keras(mlp)",
    reference=_torch_to_keras_reference,
    reference_text="the torch module's weights (kernels = weight.T), its own outputs, and its layers (a Dense per "
                   "Linear, a ReLU per ReLU)",
    cases=_torch_to_keras_cases, devices=("cpu",), pasteable=False, named_outputs=True,
    adapter=_torch_to_keras_adapter,
    # The contract: the same outputs to 1e-5 in float32 (a Keras Dense and a torch Linear round their
    # products and sums differently; weights are copied exactly).
    tolerances={torch.float32: (1e-5, 1e-5)},
    hints={
        RESULT: "Return a keras.Sequential (tf.keras.Sequential is the same class) holding the layers.",
        KERNELS: "Keras computes x @ kernel + bias, torch x @ weight.T + bias: a Dense layer's kernel is the Linear "
                 "layer's weight transposed, of shape (in_features, out_features). One Dense layer per Linear, "
                 "in order.",
        BIASES: "Copy each Linear's bias into its Dense layer (set_weights([kernel, bias])); a Linear without a "
                "bias becomes a Dense without one (use_bias=False), or with zeros.",
        OUTPUTS: "The Keras model must compute what the torch module does: a ReLU wherever the module has one (as "
                 "a Dense activation or a separate layer), none elsewhere.",
        LAYERS: "The model's layers, read as the steps they compute (Dense(activation=\"relu\") is Dense - ReLU, "
                "like Dense followed by ReLU()), must be the torch module's: one Dense per Linear and one ReLU per "
                "ReLU, in order, and nothing else: no second ReLU, no Dropout or other layer, even one that "
                "changes nothing at inference.",
    },
))


# ---- train_both ------------------------------------------------------------------------------------

TORCH_OPS = Require("torch", aten={"addmm", "mm", "matmul", "linear", "bmm"},
                    hint="The torch curve comes from training the torch network: nn.Linear layers (or matmuls) "
                         "in torch, with torch's autograd and SGD.")
KERAS_SIDE = "the Keras curve"
KERAS_NET = ("Dense", "ReLU", "Dense")
KERAS_RAN = "computed by a keras.Sequential of " + " - ".join(KERAS_NET)


def _seeded_net(d_in: int, hidden: int, d_out: int, seed: int) -> nn.Sequential:
    """What `torch.manual_seed(seed)` then `nn.Sequential(nn.Linear(d_in, hidden), nn.ReLU(),
    nn.Linear(hidden, d_out))` makes, drawn from a generator of its own: nn.Linear's initialisation
    (Kaiming-uniform weight, then a uniform bias, layer by layer) replayed on torch.Generator(seed),
    whose stream is the global generator's after manual_seed(seed). The global generator is never
    touched: the grader judges notebooks in threads of one process (tests/test_checks_probes_11.py
    checks the two are equal)."""
    gen = torch.Generator().manual_seed(seed)
    layers = []
    for n_in, n_out in ((d_in, hidden), (hidden, d_out)):
        linear = torch.nn.utils.skip_init(nn.Linear, n_in, n_out)
        with torch.no_grad():
            nn.init.kaiming_uniform_(linear.weight, a=math.sqrt(5), generator=gen)
            bound = 1 / math.sqrt(n_in) if n_in > 0 else 0.0
            linear.bias.uniform_(-bound, bound, generator=gen)
        layers.append(linear)
    return nn.Sequential(layers[0], nn.ReLU(), layers[1])


def _train_torch(x, y, hidden, steps, lr, seed, *, after_step=False, reduction="mean", optimizer="sgd"):
    """The torch side: Linear(D, hidden) - ReLU - Linear(hidden, out) as made after torch.manual_seed(seed),
    in x's dtype, MSE, plain SGD; the loss before each step (after it, with `after_step`)."""
    xs = torch.from_numpy(numpy.array(x))
    ys = torch.from_numpy(numpy.array(y))
    with torch.enable_grad():
        net = _seeded_net(xs.shape[1], hidden, ys.shape[1], seed).to(xs.dtype)
        opt = torch.optim.SGD(net.parameters(), lr=lr) if optimizer == "sgd" else torch.optim.Adam(net.parameters(), lr=lr)
        losses = []
        for _ in range(steps):
            loss = F.mse_loss(net(xs), ys, reduction=reduction)
            if not after_step:
                losses.append(loss.item())
            opt.zero_grad()
            loss.backward()
            opt.step()
            if after_step:
                with torch.no_grad():
                    losses.append(F.mse_loss(net(xs), ys, reduction=reduction).item())
    return losses


CURVES = ("torch losses", "Keras losses")


def _train_reference(x, y, hidden, steps, lr, seed):
    losses = _train_torch(x, y, hidden, steps, lr, seed)
    return {CURVES[0]: losses, CURVES[1]: list(losses)}


def _train_mistake(torch_side: dict, keras_side: dict | None = None):
    """The output of a known mistake: each side's curve as `_train_torch(**side)` makes it."""
    def mistake(x, y, hidden, steps, lr, seed):
        return {CURVES[0]: _train_torch(x, y, hidden, steps, lr, seed, **torch_side),
                CURVES[1]: _train_torch(x, y, hidden, steps, lr, seed,
                                        **(torch_side if keras_side is None else keras_side))}
    return mistake


def _plain_number(v):
    """A NumPy float scalar as the Python float it stands for; anything else as it is (a tensor or a
    0-d array stays what it is: the contract asks for floats)."""
    if isinstance(v, numpy.generic) and type(v).__module__ == "numpy" and v.dtype.kind == "f":
        return float(v)
    return v


def _plain_numbers(curve):
    return type(curve)(_plain_number(v) for v in curve) if type(curve) in (list, tuple) else curve


def _train_observe(watch, out, args) -> dict:
    models = watch.keras_calls
    if any(sequential and layers == KERAS_NET for (_, sequential, layers) in models):
        return {KERAS_SIDE: KERAS_RAN}
    if models:
        called = sorted({f"{'a keras.Sequential' if sequential else 'a ' + cls} of {_layer_words(list(layers))}"
                         for (cls, sequential, layers) in models})
        return {KERAS_SIDE: "the Keras models called were not a keras.Sequential of " + " - ".join(KERAS_NET)
                            + ": " + "; ".join(called)}
    if any("MatMul" in t for t in watch.op_types()):
        return {KERAS_SIDE: "TensorFlow ran matmuls, but no Keras model was called: the Keras curve must come from "
                            "a keras.Sequential of two Dense layers"}
    return {KERAS_SIDE: "no TensorFlow matmul ran: the Keras curve must come from training a Keras model"}


def _train_case(gen, n, d, hidden, out, steps, lr, dtype, words="", layout=None) -> Case:
    x = _randn(gen, n, d, dtype=dtype)
    y = _randn(gen, n, out, dtype=dtype)
    if layout == "x":
        x = _noncontiguous(x)
    seed = int(torch.randint(0, 10_000, (), generator=gen))
    label = f"{words}N={n}, D={d}, hidden={hidden}, out={out}, steps={steps}, lr={lr}, seed={seed}, {_dtype_name(dtype)}"
    return Case((x, y, hidden, steps, lr, seed), label=label)


def _train_cases(gen, hidden):
    cases = [
        _train_case(gen, 8, 3, 5, 2, 6, 0.1, numpy.float32),
        _train_case(gen, 5, 4, 3, 1, 4, 0.2, numpy.float64),
        _train_case(gen, 1, 3, 4, 2, 3, 0.1, numpy.float32),
        _train_case(gen, 6, 2, 3, 3, 1, 0.1, numpy.float32, "one step (the initial loss only): "),
        _train_case(gen, 40, 3, 4, 2, 3, 0.2, numpy.float32, "N=40, more than Keras's default batch of 32: "),
        _train_case(gen, 7, 4, 4, 2, 5, 0.15, numpy.float32, "x non-contiguous (a transposed view): ", layout="x"),
    ]
    if hidden:
        for k, dtype in enumerate((numpy.float32, numpy.float64, numpy.float32)):
            n, d, h, o = size(gen, 2, 12), size(gen, 2, 6), size(gen, 2, 8), size(gen, 2, 3)
            lr = round(_uniform(gen, 0.1, 0.3), 3)
            cases.append(_train_case(gen, n, d, h, o, size(gen, 2, 8), lr, dtype, "random: ",
                                     layout="x" if k == 2 else None))
    return cases


register(Exercise(
    id="train_both", assignment=A, signature="train_both(x, y, hidden, steps, lr, seed)",
    reference=_train_reference,
    reference_text="torch.manual_seed(seed); Linear(D, hidden), ReLU, Linear(hidden, out); F.mse_loss; "
                   "torch.optim.SGD(lr); loss.item() before each step (the same curve for both)",
    cases=_train_cases, devices=("cpu",), pasteable=False,
    named_outputs=True,
    hints={
        CURVES[0]: "steps Python floats: loss.item() of each step's forward pass, taken before optimizer.step(), "
                   "from Linear(D, hidden), ReLU, Linear(hidden, out) created right after torch.manual_seed(seed), "
                   "trained with torch.optim.SGD(lr) on F.mse_loss.",
        CURVES[1]: "steps Python floats: float(loss) of each Keras step's forward pass, taken before "
                   "apply_gradients, starting from the torch model's initial weights (kernels = weights "
                   "transposed), keras.optimizers.SGD(lr) on keras.losses.MeanSquaredError.",
    },
    # The contract: the curves agree to 1e-4. A right float32 run differs from the reference's by the
    # rounding of its ops (1e-7 relative, growing slowly over the steps); a wrong one (another
    # initialisation, the loss after the step, another optimizer or reduction) by 1e-2 or more.
    tolerances={torch.float64: (1e-4, 1e-6)},
    adapter=_watching("train_both", _train_observe, _named("train_both", CURVES, _plain_numbers)),
    extras=_extras({KERAS_SIDE: KERAS_RAN}),
    extras_text={KERAS_SIDE: (KERAS_SIDE, "Build the Keras copy of the network, a keras.Sequential of two Dense "
                                          "layers with a ReLU after the first (activation=\"relu\" or a ReLU() "
                                          "layer), the torch weights copied in, and train that model: its "
                                          "forward pass under a GradientTape with keras.optimizers.SGD (or the "
                                          "plain SGD update written out on its variables), or compile and fit. "
                                          "tf.Variables and matmuls of your own are not a Keras model.")},
    required=[TORCH_OPS],
    mistakes=[
        Mistake(_train_mistake({"after_step": True}),
                "each loss is recorded after its step: record the loss computed by the forward pass of the step, "
                "before the update (the first value is the loss of the initial weights)"),
        Mistake(_train_mistake({"reduction": "sum"}),
                "the sum of the squared errors: the loss is their mean (nn.MSELoss, keras.losses.MeanSquaredError)"),
        Mistake(_train_mistake({}, {"optimizer": "adam"}),
                "the Keras side trains with Adam: both sides use plain SGD (keras.optimizers.SGD, no momentum)"),
        Mistake(_train_mistake({"optimizer": "adam"}, {}),
                "the torch side trains with Adam: both sides use plain SGD (torch.optim.SGD, no momentum)"),
    ],
))
