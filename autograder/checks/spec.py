"""What an exercise is: its reference, its cases and its rules.

An `Exercise` is pure data plus plain functions. The same object drives the visible check in a
student's notebook and the grader's verdict: the notebook observes and judges in one process, the
grader observes in the sandbox and judges in its own process (see observe.py and judge.py).
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import torch


@dataclass
class Case:
    """One call of the student's function: `fn(*args, **kwargs)`.

    `label` says in words what makes the case interesting ("N != M", "x transposed"); it is shown
    in messages. `grad_args` lists the positional arguments the gradient check differentiates
    with respect to; `grad_output` is filled in by `Exercise.make_cases`.
    """

    args: tuple
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    grad_args: tuple[int, ...] = ()
    grad_output: Any = None
    device: str = "cpu"  # "cpu", "cuda" or "meta": the device the case's tensors live on
    values: bool = True  # False for meta cases: only type, shape, dtype and device are compared
    batch: int | None = None  # set on the vectorization probes: the batch size they were built with
    gradcheck: bool = False  # also run float64 torch.autograd.gradcheck on grad_args (own backward)
    expect_words: tuple[str, ...] = ()  # where the reference raises by contract: words its message must hold


class AnswerKindError(TypeError):
    """Raised by an adapter when the answer is not the kind of object the exercise asks for (a
    function where a class is expected): the check stops at the type stage."""


@dataclass(frozen=True)
class Forbid:
    """An op the exercise may not use, under every name it can be reached by.

    `aten` holds dispatcher op names without namespace or overload ("convolution", not
    "aten::convolution.default"); `functions` holds torch-function-level names ("einsum").
    """

    name: str
    aten: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()
    hint: str = ""

    def __init__(self, name, aten=(), functions=(), hint=""):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "aten", frozenset(aten))
        object.__setattr__(self, "functions", frozenset(functions))
        object.__setattr__(self, "hint", hint)


class Require(Forbid):
    """An op the exercise must use (e.g. "with torch.einsum"); same fields as `Forbid`, and
    `result_of`: the graph node the returned tensor must come from where inputs require grad
    ("AddmmBackward0": the answer returns that op's own result, not one computed after it)."""

    result_of: str = ""

    def __init__(self, name, aten=(), functions=(), hint="", result_of=""):
        super().__init__(name, aten, functions, hint)
        object.__setattr__(self, "result_of", result_of)


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: when the student's output matches `fn`'s, `explain` says why."""

    fn: Callable
    explain: str


@dataclass
class Exercise:
    id: str
    assignment: str
    signature: str
    reference: Callable
    cases: Callable[[torch.Generator, bool], list[Case]]
    reference_text: str = ""  # how the reference is written, shown in messages
    forbidden: Sequence[Forbid] = ()
    required: Sequence[Require] = ()  # every call that returns must run one of each group's ops
    vectorized: Callable[[int, torch.Generator], Case] | None = None  # builds a case of batch size B
    probe_batches: tuple[int, int] = (4, 12)
    loop_over: str = "the samples"  # what a loop the probes catch runs over, for the message
    no_autograd: bool = False
    mutates: tuple[int, ...] = ()  # positional args the exercise is asked to modify in place
    view_of: int | None = None  # output must share storage with this arg whenever the reference's does
    devices: tuple[str, ...] = ("cpu", "cuda", "meta")
    meta_cases: tuple[int, ...] = (0, 1)  # the cases repeated on meta (device placement): cheap ones
    tolerances: dict = field(default_factory=dict)  # dtype -> (rtol, atol), overrides the defaults
    mistakes: Sequence[Mistake] = ()
    # Compare containers by type ("tuple" vs "list"); identity of non-tensor leaves with the inputs.
    strict_containers: bool = False
    same_leaves: bool = False
    visible_cases: int | None = None  # keep the first N cases in the visible check (None: all)
    outputs: tuple[str, ...] | None = None  # names of the items of a tuple output, for messages
    # Answers that are not one plain function: a class, or several functions checked together.
    # `adapter(answer)` returns what each case calls; it runs beside student code (observe.py), so
    # it reads the answer through base classes and returns plain data. The reference is that
    # callable already, for the course's own answer.
    adapter: Callable[[Any], Callable] | None = None
    # More to observe after a call, beside the output: `extras(output, case, args, recorder)` ->
    # {key: plain data}, run on the answer's output and on the reference's, compared key by key.
    # Mismatches stop at stage `key`, with `extras_text[key]` = (what it is, what to do).
    extras: Callable[..., dict] | None = None
    extras_text: dict = field(default_factory=dict)
    alternatives: Sequence[Callable] = ()  # other references a right answer may match instead (conventions)
    errors: tuple[type, ...] = ()  # what the reference raises by contract: the answer must raise the same
    reference_sees_output: bool = False  # the reference is called with observed=<the answer's encoded output>
    named_outputs: bool = False  # a dict output whose keys are shown as they are ("registered parameters")
    hints: dict = field(default_factory=dict)  # named output key -> what a mismatch there usually means
    pasteable: bool = True  # a failing case's call is shown as code to paste (not for scenario cases)

    def make_cases(self, seed: int, hidden: bool) -> list[Case]:
        """The cases of one check run: the exercise's own, then their CUDA and meta variants."""
        gen = torch.Generator().manual_seed(seed)
        cases = list(self.cases(gen, hidden))
        if not hidden and self.visible_cases is not None:
            cases = cases[: self.visible_cases]
        if "cuda" in self.devices and torch.cuda.is_available():
            cases += [to_device_case(c, "cuda") for c in cases if c.device == "cpu"]
        if "meta" in self.devices:
            base = [cases[i] for i in self.meta_cases if i < len(cases)]
            cases += [to_device_case(c, "meta") for c in base if c.device == "cpu"]
        if self.vectorized is not None:  # on the CPU only: op counts are compared between probes
            for b in self.probe_batches:  # smallest first: lazy one-time work lands on the small probe
                probe = self.vectorized(b, gen)
                probe.batch = b
                probe.label = probe.label or f"batch of {b}"
                cases.append(probe)
        for case in cases:
            if case.grad_args and case.values:
                case.grad_output = _grad_output_for(self, case, gen)
        return cases


def to_device_case(case: Case, device: str) -> Case:
    moved = map_tensors(lambda t: t.to(device), (case.args, case.kwargs))
    label = f"{case.label}, on {device}" if case.label else f"on {device}"
    return dataclasses.replace(
        case, args=moved[0], kwargs=moved[1], label=label, device=device,
        values=device != "meta", grad_args=case.grad_args if device != "meta" else (),
        gradcheck=case.gradcheck and device != "meta",
    )


def clone(obj):
    """A deep copy that keeps every tensor's `.grad` (deepcopy drops it for nn.Parameter), and
    the storage sharing between the tensors it copies."""
    memo: dict = {}
    out = copy.deepcopy(obj, memo)
    for original in memo.get(id(memo), []):  # deepcopy keeps the originals alive here
        if isinstance(original, torch.Tensor) and original.grad is not None:
            copied = memo.get(id(original))
            if isinstance(copied, torch.Tensor) and copied.grad is None:
                copied.grad = original.grad.detach().clone()
    return out


def _grad_output_for(ex: Exercise, case: Case, gen: torch.Generator):
    """A random upstream gradient shaped like the reference's output, for the gradient check."""
    args = clone(case.args)
    try:
        with torch.no_grad():
            out = ex.reference(*args, **case.kwargs)
    except ex.errors:
        return None
    if not isinstance(out, torch.Tensor) or not out.is_floating_point():
        return None
    g = torch.randn(out.shape, generator=gen, dtype=torch.float64)
    return g.to(dtype=out.dtype, device=out.device)


def map_tensors(fn, obj):
    """`obj` rebuilt with `fn` applied to every tensor in its nested lists, tuples, namedtuples and dicts."""
    if isinstance(obj, torch.Tensor):
        return fn(obj)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*(map_tensors(fn, o) for o in obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(map_tensors(fn, o) for o in obj)
    if isinstance(obj, dict):
        return type(obj)((k, map_tensors(fn, v)) for k, v in obj.items())
    return obj
