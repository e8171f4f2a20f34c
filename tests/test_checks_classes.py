"""The checking library on answers that are not one plain function: autograd Functions, nn.Module
classes, answers of several parts, errors the contract asks for, conventions, NumPy arrays. Toy
exercises of the tests' own: the library knows nothing of the course."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import torch

from autograder.checks import Case, Exercise
from autograder.checks.probes import functions, modules
from autograder.checks.run import verdict_for


def run(ex, answer, hidden=False):
    return verdict_for(ex, answer, seed=0, hidden=hidden)


def test_the_library_imports_nothing_of_the_course():
    code = ("import sys, autograder.checks, autograder.checks.probes.functions, autograder.checks.probes.modules\n"
            "print(sorted(m for m in sys.modules if m.startswith('autograder') and not m.startswith('autograder.checks')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['autograder', 'autograder.compat']"  # compat: the TensorFlow/triton guard


# ---- autograd Functions ------------------------------------------------------------------------

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return 2 * x * grad_output


def square_extras(out, case, args, recorder):
    d = functions.direct_backward(out, case.grad_output, recorder)
    return {"saved": functions.saved_tensors(out, args, ["x"]), "ctx": functions.ctx_tensors(out),
            "grad_output": "changed in place" if d["grad_output changed"] else "unchanged"}


def square_cases(gen, hidden):
    return [Case((torch.randn(3, generator=gen),), grad_args=(0,), gradcheck=True, label="(3,)"),
            Case((torch.randn(2, 2, generator=gen, dtype=torch.float64),), grad_args=(0,), label="(2, 2) float64")]


SQUARE = Exercise(
    id="square", assignment="tests", signature="Square.apply(x)", reference=Square.apply, cases=square_cases,
    adapter=functions.adapter, extras=square_extras,
    extras_text={"saved": ("tensors saved for backward", "save x with ctx.save_for_backward"),
                 "ctx": ("ctx attributes holding tensors", "use ctx.save_for_backward, not ctx.x = x"),
                 "grad_output": ("grad_output after backward", "clone grad_output before changing it")})


class CtxAttribute(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.x = x
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        return 2 * ctx.x * grad_output


class ChangesGradOutput(Square):
    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output.mul_(2 * x)


class WrongBackward(Square):
    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return 3 * x * grad_output


class Stub(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        raise NotImplementedError()

    @staticmethod
    def backward(ctx, grad_output):
        raise NotImplementedError()


class OwnApply(Square):
    @classmethod
    def apply(cls, x):
        return x * x


class NotStatic(torch.autograd.Function):
    def forward(ctx, x):
        return x * x

    def backward(ctx, grad_output):
        return grad_output


def test_a_right_function_passes():
    v = run(SQUARE, Square)
    assert v.passed, v.message


@pytest.mark.parametrize("answer, stage, words", [
    (CtxAttribute, "saved", "tensors saved for backward: expected 1 items, got 0"),
    (ChangesGradOutput, "grad_output", "grad_output after backward: wrong value"),
    (WrongBackward, "gradients", "your backward disagrees with your forward (float64 gradcheck)"),
    (OwnApply, "type", "defines its own `apply`"),
    (NotStatic, "type", "must be a @staticmethod"),
    (lambda x: x * x, "type", "expected a subclass of torch.autograd.Function, got function object"),
])
def test_wrong_functions_fail_where_expected(answer, stage, words):
    v = run(SQUARE, answer)
    assert v.stage == stage and words in v.message, v.message


def test_a_function_stub_is_not_attempted():
    assert run(SQUARE, Stub).status == "not attempted"


def test_backward_work_is_counted_on_the_ops_it_runs():
    class Linear(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, w):
            ctx.save_for_backward(x, w)
            return x @ w.t()

        @staticmethod
        def backward(ctx, g):
            x, w = ctx.saved_tensors
            gx = g @ w if ctx.needs_input_grad[0] else None
            gw = g.t() @ x if ctx.needs_input_grad[1] else None
            return gx, gw

    class Always(Linear):
        @staticmethod
        def backward(ctx, g):
            x, w = ctx.saved_tensors
            gx, gw = g @ w, g.t().mm(x)
            return gx if ctx.needs_input_grad[0] else None, gw if ctx.needs_input_grad[1] else None

    x, w, g = torch.randn(4, 3), torch.randn(2, 3), torch.randn(4, 2)
    for answer, work in ((Linear, 1), (Always, 2)):
        out = answer.apply(x.requires_grad_(), w)
        facts = functions.direct_backward(out, g, __import__("autograder.checks.trace", fromlist=["Recorder"]).Recorder)
        assert facts["work"] == work and facts["needs_input_grad"] == [True, False]
        assert facts["returns"] == ["a tensor of shape (4, 3)", "None"]


# ---- nn.Module classes -------------------------------------------------------------------------

class Heads(torch.nn.Module):
    def __init__(self, d, sizes):
        super().__init__()
        self.heads = torch.nn.ModuleList(torch.nn.Linear(d, s) for s in sizes)

    def forward(self, x):
        return [h(x) for h in self.heads]


class HeadsInAList(torch.nn.Module):
    def __init__(self, d, sizes):
        super().__init__()
        self.heads = [torch.nn.Linear(d, s) for s in sizes]

    def forward(self, x):
        return [h(x) for h in self.heads]


class Mean(torch.nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer("running", torch.zeros(n))

    def forward(self, x):
        if self.training:
            with torch.no_grad():
                self.running.mul_(0.9).add_(0.1 * x.mean(0))
            return x - x.mean(0)
        return x - self.running


class MeanAsParameter(Mean):
    def __init__(self, n):
        torch.nn.Module.__init__(self)
        self.running = torch.nn.Parameter(torch.zeros(n), requires_grad=False)


class MeanWithGraph(Mean):
    def forward(self, x):
        if self.training:
            self.running = 0.9 * self.running + 0.1 * x.mean(0)
            return x - x.mean(0)
        return x - self.running


def heads_cases(gen, hidden):
    x = torch.randn(3, 4, generator=gen)
    return [Case(((4, [2, 5]), {}, [("forward", x), ("double",), ("forward", x.double()), ("to", "meta"),
                                    ("forward", x.to("meta"))]), label="two heads"),
            Case(((4, [1]), {}, [("sgd", 0.1, x)]), label="one head, an SGD step")]


def mean_cases(gen, hidden):
    x1, x2 = torch.randn(5, 3, generator=gen).requires_grad_(), torch.randn(2, 3, generator=gen)
    return [Case(((3,), {}, [("train",), ("forward", x1), ("forward", x2), ("eval",), ("forward", x2)]),
                 label="train twice, then eval")]


def module_exercise(id, ref, cases):
    return Exercise(id=id, assignment="tests", signature=f"{ref.__name__}(...)", reference=modules.reference(ref),
                    cases=cases, adapter=modules.adapter, reference_sees_output=True, named_outputs=True,
                    pasteable=False, devices=("cpu",),
                    hints={"layers and tensors PyTorch does not see": "use nn.ModuleList"})


def test_modules_with_random_initial_values_are_compared_on_their_behaviour():
    class OtherInit(Heads):
        def __init__(self, d, sizes):
            super().__init__(d, sizes)
            for h in self.heads:
                torch.nn.init.normal_(h.weight)

    for answer in (Heads, OtherInit):
        v = run(module_exercise("heads", Heads, heads_cases), answer)
        assert v.passed, v.message


def test_layers_in_a_python_list_are_named():
    v = run(module_exercise("heads", Heads, heads_cases), HeadsInAList)
    assert v.stage == "structure" and "heads (a plain list of layers or tensors)" in v.message, v.message
    assert "use nn.ModuleList" in v.message


@pytest.mark.parametrize("answer, words", [
    (MeanAsParameter, "unexpected: ['running']"),
    (MeanWithGraph, "running"),
])
def test_a_buffer_is_a_buffer(answer, words):
    v = run(module_exercise("mean", Mean, mean_cases), answer)
    assert not v.passed and words in v.message, v.message


def test_a_right_stateful_module_passes_and_a_function_is_the_wrong_kind():
    ex = module_exercise("mean", Mean, mean_cases)
    assert run(ex, Mean).passed
    v = run(ex, lambda n: Mean(n))
    assert v.stage == "type" and "expected a subclass of torch.nn.Module" in v.message


# ---- several parts, errors by contract, conventions, NumPy -----------------------------------

def test_an_answer_of_several_parts_reaches_the_adapter_as_a_tuple():
    def adapter(answer):
        encode, decode = answer
        return lambda x: decode(encode(x))

    ex = Exercise(id="roundtrip", assignment="tests", signature="encode(x), decode(y)", reference=lambda x: x.clone(),
                  cases=lambda g, h: [Case((torch.randn(3, generator=g),))], adapter=adapter, devices=("cpu",))
    assert run(ex, (lambda x: x * 2, lambda y: y / 2)).passed
    assert run(ex, (lambda x: x * 2, lambda y: y)).stage == "values"


def halve(n):
    if n % 2:
        raise ValueError(f"the height {n} is odd")
    return n // 2


HALVE = Exercise(id="halve", assignment="tests", signature="halve(n)", reference=halve, errors=(ValueError,),
                 cases=lambda g, h: [Case((4,)), Case((3,), expect_words=("height",), label="odd")], devices=("cpu",))


@pytest.mark.parametrize("answer, stage, words", [
    (lambda n: n // 2, "error", "expected ValueError, got a result (1)"),
    (lambda n: n // 2 if n % 2 == 0 else 1 / 0, "error", "expected ValueError, got ZeroDivisionError"),
    (lambda n: n // 2 if n % 2 == 0 else int("x"), "error", "does not mention 'height'"),
    (lambda n: 1 / 0, "raised", "raised ZeroDivisionError"),
])
def test_an_error_the_contract_asks_for(answer, stage, words):
    v = run(HALVE, answer)
    assert v.stage == stage and words in v.message, v.message


def test_the_right_error_passes():
    def answer(n):
        if n % 2:
            raise ValueError("odd height")
        return n // 2
    assert run(HALVE, answer).passed


def test_an_alternative_convention_is_accepted():
    ex = Exercise(id="sign", assignment="tests", signature="sign(x)", reference=torch.sign,
                  alternatives=[lambda x: torch.where(x >= 0, 1.0, -1.0)],
                  cases=lambda g, h: [Case((torch.tensor([-1.0, 0.0, 2.0]),))], devices=("cpu",))
    assert run(ex, torch.sign).passed
    assert run(ex, lambda x: torch.where(x >= 0, 1.0, -1.0)).passed
    assert run(ex, lambda x: torch.where(x > 0, 1.0, -1.0)).stage == "values"


def test_numpy_arrays_are_compared_by_dtype_shape_and_values():
    ex = Exercise(id="np", assignment="tests", signature="f(x)", reference=lambda x: x * 2,
                  cases=lambda g, h: [Case((np.arange(4, dtype=np.float32),))], devices=("cpu",))
    assert run(ex, lambda x: x + x).passed
    assert "expected dtype float32, got float64" in run(ex, lambda x: (x * 2).astype(np.float64)).message
    assert "expected a NumPy array (float32), got a torch.Tensor" in run(ex, lambda x: torch.from_numpy(x * 2)).message
    assert run(ex, lambda x: x * 3).stage == "values"


# ---- more facts about autograd Functions: ctx attributes, the engine's view, needs_input_grad ----

def _recorder():
    from autograder.checks.trace import Recorder
    return Recorder


class LooksAtItsCaller(Square):
    """Honest when called directly; uses autograd when the engine calls it."""

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        if torch._C._current_graph_task_id() == -1:
            return 2 * x * grad_output
        with torch.enable_grad():
            leaf = x.detach().requires_grad_()
            return torch.autograd.grad(leaf * leaf, leaf, grad_output)[0]


def test_engine_backward_runs_the_ops_of_a_direct_call_for_an_honest_backward():
    x, g = torch.randn(3, requires_grad=True), torch.randn(3)
    out = Square.apply(x)
    direct = functions.direct_backward(out, g, _recorder())
    engine = functions.engine_backward(out, [x], g, _recorder())
    assert direct["ops"] == engine["ops"] and direct["ops"].get("mul") == 2
    assert not direct["autograd"] and not engine["grad_output changed"]


def test_a_backward_that_looks_at_its_caller_shows_in_the_engine_run():
    x, g = torch.randn(3, requires_grad=True), torch.randn(3)
    out = LooksAtItsCaller.apply(x)
    direct = functions.direct_backward(out, g, _recorder())
    engine = functions.engine_backward(out, [x], g, _recorder())
    assert not direct["autograd"] and direct["ops"] != engine["ops"]


def test_autograd_inside_backward_is_recorded_and_backward_runs_without_grad():
    class UsesAutograd(Square):
        @staticmethod
        def backward(ctx, grad_output):
            assert not torch.is_grad_enabled()  # as when the engine calls it
            x, = ctx.saved_tensors
            with torch.enable_grad():
                leaf = x.detach().requires_grad_()
                return torch.autograd.grad(leaf * leaf, leaf, grad_output)[0]

    out = UsesAutograd.apply(torch.randn(3, requires_grad=True))
    assert functions.direct_backward(out, torch.randn(3), _recorder())["autograd"]


def test_engine_backward_sees_grad_output_changed_in_place():
    x, g = torch.randn(3, requires_grad=True), torch.randn(3)
    out = ChangesGradOutput.apply(x)
    assert functions.engine_backward(out, [x], g, _recorder())["grad_output changed"]
    assert torch.equal(g, g.clone())  # the caller's tensor itself is never handed over


def test_the_helpers_call_torch_as_it_was_at_import(monkeypatch):
    """Student code that replaces BackwardCFunction.apply (which the engine calls) cannot hide an
    in-place change from direct_backward."""
    node_cls = torch.autograd.function.BackwardCFunction
    original = node_cls.__dict__["apply"]
    monkeypatch.setattr(node_cls, "apply", lambda self, *args: original(self, *(a.clone() for a in args)))
    out = ChangesGradOutput.apply(torch.randn(3, requires_grad=True))
    assert functions.direct_backward(out, torch.randn(3), _recorder())["grad_output changed"]


def test_ctx_attributes_say_what_each_attribute_holds():
    class Keeps(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.t, ctx.arr, ctx.mask, ctx.pair = x, x.detach().numpy(), (x > 0).tolist(), [x, 1]
            ctx.scale, ctx.flag, ctx.shape, ctx.name, ctx.none = 0.5, True, x.shape, "x", None
            return x * 2

        @staticmethod
        def backward(ctx, grad_output):
            return 2 * grad_output

    out = Keeps.apply(torch.randn(3, requires_grad=True))
    assert functions.ctx_attributes(out) == {
        "t": "a tensor", "arr": "a NumPy array", "mask": "a list", "pair": "a list holding tensors",
        "scale": "a number", "flag": "a number", "shape": "a Size", "name": "a string", "none": "None"}
    assert functions.ctx_attributes(torch.randn(2)) == {}


class _Affine(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, w, b=None):
        ctx.save_for_backward(x, w)
        out = x @ w.t()
        return out if b is None else out + b

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        need = ctx.needs_input_grad
        return (g @ w if need[0] else None, g.t() @ x if need[1] else None,
                g.sum_to_size(w.shape[0]) if len(need) > 2 and need[2] else None)


class _AffineBiasAlways(_Affine):
    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        need = ctx.needs_input_grad
        return g @ w if need[0] else None, g.t() @ x if need[1] else None, g.sum(0)


@pytest.mark.parametrize("answer, needed, unneeded", [
    (_Affine, (0,), []), (_Affine, (1,), []), (_Affine, (2,), []), (_Affine, (0, 1, 2), []),
    (_AffineBiasAlways, (0,), ["b"]), (_AffineBiasAlways, (1,), ["b"]), (_AffineBiasAlways, (2,), []),
])
def test_unneeded_gradients_names_the_inputs_whose_gradient_is_computed_anyway(answer, needed, unneeded):
    args = [t.requires_grad_(i in needed) for i, t in enumerate((torch.randn(4, 3), torch.randn(2, 3), torch.randn(2)))]
    out = answer.apply(*args)
    assert functions.unneeded_gradients(out, args, {}, torch.randn(4, 2), _recorder(), ["x", "w", "b"]) == unneeded


def test_sum_to_size_counts_as_a_reduction():
    args = [torch.randn(4, 3), torch.randn(2, 3), torch.randn(2, requires_grad=True)]
    out = _Affine.apply(*args)
    assert functions.direct_backward(out, torch.randn(4, 2), _recorder())["work"] == 1


def test_a_gradient_returned_on_another_device_is_named():
    class OnesOnCpu(_Affine):
        @staticmethod
        def backward(ctx, g):
            return None, None, torch.ones(g.shape[0], dtype=g.dtype) @ g  # a CPU vector @ a meta matrix: CPU

    args = [torch.empty(4, 3, device="meta"), torch.empty(2, 3, device="meta"),
            torch.empty(2, device="meta", requires_grad=True)]
    out = OnesOnCpu.apply(*args)
    facts = functions.direct_backward(out, torch.zeros_like(out), _recorder())
    assert facts["returns"][2] == "a tensor of shape (2,) on cpu" and not facts["grad_output changed"]


def test_grad_output_changes_are_compared_with_torch_equal_as_it_was_at_import(monkeypatch):
    monkeypatch.setattr(torch, "equal", lambda *a, **k: True)
    out = ChangesGradOutput.apply(torch.randn(3, requires_grad=True))
    assert functions.direct_backward(out, torch.randn(3), _recorder())["grad_output changed"]


class _AffineLoopSum(_Affine):
    """The bias gradient summed with a Python loop of additions: no product or reduction op."""

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        need = ctx.needs_input_grad
        return (g @ w if need[0] else None, g.t() @ x if need[1] else None,
                sum(g[i] for i in range(g.shape[0])) if len(need) > 2 and need[2] else None)


def test_unneeded_gradients_counts_every_op_backward_calls():
    args = [torch.randn(4, 3, requires_grad=True), torch.randn(2, 3), torch.randn(2)]
    out = _AffineLoopSum.apply(*args)
    assert functions.unneeded_gradients(out, args, {}, torch.randn(4, 2), _recorder(), ["x", "w", "b"]) == []


class _KeepsInputOnTheClass(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        _KeepsInputOnTheClass.last = x
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        return 2 * _KeepsInputOnTheClass.last * grad_output


def test_backward_after_another_call_shows_state_kept_outside_ctx():
    g = torch.randn(3)
    for answer, same in ((Square, True), (_KeepsInputOnTheClass, False)):
        x = torch.randn(3, requires_grad=True)
        out = answer.apply(x)
        grads = functions.backward_after_another_call(out, [x], {}, g, _recorder())
        assert torch.allclose(grads[0], 2 * x.detach() * g) is same
        # the Function was applied to this call's values last: state kept on the class is as it was
        assert torch.allclose(torch.autograd.grad(out, x, g)[0], 2 * x.detach() * g)


# ---- nn.Module scenarios: options, sealing, raising steps; checkpoint files -------------------------

def listed_exercise(id, ref, cases, **options):
    options.setdefault("listed", True)
    return Exercise(id=id, assignment="tests", signature=f"{ref.__name__}(...)",
                    reference=modules.reference(ref, **options), cases=cases,
                    adapter=lambda answer: modules.adapter(answer, **options), reference_sees_output=True,
                    named_outputs=True, pasteable=False, devices=("cpu",),
                    hints=modules.Hints({"output": "a hint for every step's output"}))


class Pair(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.first = torch.nn.Linear(d, 3)
        self.second = torch.nn.Linear(d, 2)

    def forward(self, x):
        return self.first(x) * self.second(x).sum(1, keepdim=True)


def pair_cases(gen, hidden):
    x = torch.randn(4, 5, generator=gen)
    return [Case(((5,), {}, [("forward", x), ("to", "meta"), ("forward", x.to("meta"))]), label="d=5")]


def test_a_step_that_raises_is_the_reason_with_the_students_line():
    class Raises(Pair):
        def forward(self, x):
            return self.first(x.view(-1, 7))

    v = run(listed_exercise("pair", Pair, pair_cases), Raises)
    assert v.stage == "raised" and "your code raised RuntimeError" in v.headline, v.message
    assert "shape '[-1, 7]' is invalid" in v.message and "in forward" in v.message, v.message


def test_a_step_that_raises_on_layers_pytorch_does_not_see_reports_the_layers():
    class Hidden(Pair):  # .to('meta') leaves the list behind: the forward on meta raises
        def __init__(self, d):
            super().__init__(d)
            self.extra = [torch.nn.Linear(3, 3)]

        def forward(self, x):
            return self.extra[0](self.first(x)) * self.second(x).sum(1, keepdim=True)

    v = run(listed_exercise("pair", Pair, pair_cases), Hidden)
    assert v.stage == "structure" and "extra (a plain list of layers or tensors)" in v.message, v.message


def test_listed_structure_names_what_is_missing_and_pairs_what_belongs_together():
    class Missing(Pair):
        def __init__(self, d):
            torch.nn.Module.__init__(self)
            self.first = torch.nn.Linear(d, 3)
            self.second_layer = [torch.nn.Linear(d, 2)]

        def forward(self, x):
            return self.first(x) * self.second_layer[0](x).sum(1, keepdim=True)

    ex = listed_exercise("pair", Pair, pair_cases)
    v = run(ex, Missing)
    assert v.stage == "structure" and "second_layer (a plain list" in v.message

    class Renamed(Pair):
        def __init__(self, d):  # registered in another order too: the lines are sorted, then face the answer's
            torch.nn.Module.__init__(self)
            self.secnod = torch.nn.Linear(d, 2)
            self.first = torch.nn.Linear(d, 3)

        def forward(self, x):
            return self.first(x) * self.secnod(x).sum(1, keepdim=True)

    v = run(ex, Renamed)
    assert "expected 'second.bias: (2,)', got 'secnod.bias: (2,)'" in v.message, v.message
    assert len(v.headline) < 120

    class Fewer(Pair):
        def __init__(self, d):
            torch.nn.Module.__init__(self)
            self.first = torch.nn.Linear(d, 3)
            self.second = torch.nn.Linear(d, 2, bias=False)

    v = run(ex, Fewer)
    assert v.stage == "structure" and "missing: ['second.bias: (2,)']" in v.message, v.message


def test_a_list_of_layers_that_are_registered_anyway_is_not_flagged():
    class WithList(Pair):
        def __init__(self, d):
            super().__init__(d)
            self.both = [self.first, self.second]

    assert run(listed_exercise("pair", Pair, pair_cases), WithList).passed


def test_free_names_match_parameters_by_order_and_shape():
    ex = listed_exercise("heads", Heads, heads_cases, free_names=True)

    class Named(torch.nn.Module):
        def __init__(self, d, sizes):
            super().__init__()
            for i, s in enumerate(sizes):
                self.add_module(f"head_{i}", torch.nn.Linear(d, s))
            self.n = len(sizes)

        def forward(self, x):
            return [getattr(self, f"head_{i}")(x) for i in range(self.n)]

    class OneHead(Named):
        def __init__(self, d, sizes):
            super().__init__(d, sizes[:1])

    assert run(ex, Named).passed
    assert not run(listed_exercise("heads", Heads, heads_cases), Named).passed  # names count without the option
    v = run(ex, OneHead)
    assert v.stage == "structure" and "missing: ['heads.1.bias: (5,)', 'heads.1.weight: (5, 4)']" in v.message, v.message


def test_buffers_are_observed_as_they_are_after_each_step():
    class EvalUpdates(Mean):
        def forward(self, x):
            with torch.no_grad():
                self.running.mul_(0.9).add_(0.1 * x.mean(0))
            return x - x.mean(0) if self.training else x - self.running

    v = run(module_exercise("mean", Mean, mean_cases), EvalUpdates)
    assert "step 5, forward (2, 3)" in v.headline, v.message  # not step 2, which was right when it ran


def test_hints_find_a_steps_key_by_its_last_part():
    hints = modules.Hints({"output": "o", "buffers after": "b"})
    assert hints.get("step 3, forward (2, 3): output") == "o"
    assert hints.get("step 1, .to('meta'): buffers after") == "b"
    assert hints.get("parameters (name: shape)") is None


def test_an_object_that_only_claims_to_be_a_module_is_the_wrong_kind():
    class Impostor:
        @property
        def __class__(self):
            return torch.nn.Module

    class Pretends(Pair):
        def __new__(cls, *args):
            return Impostor()

    v = run(listed_exercise("pair", Pair, pair_cases), Pretends)
    assert v.stage == "type" and "did not build an nn.Module" in v.message, v.message


def test_scenarios_are_sealed_against_patches_made_and_undone_inside_the_observation():
    """__init__ hides a plain tensor attribute by patching the probe's helpers; __del__, which runs
    when the scenario drops the module, puts them back. Unsealed, the answer would pass."""
    saved = {}

    class Hides(Mean):
        def __init__(self, n):
            torch.nn.Module.__init__(self)
            vars(self)["running"] = torch.zeros(n)
            saved.update(unregistered=modules.unregistered, state=modules._module_state)
            modules.unregistered = lambda *a, **k: []
            modules._module_state = lambda m, *a, **k: (lambda p, b, t: (p, dict(b, running=vars(m)["running"])
                                                                         if "running" in vars(m) else b, t))(
                *saved["state"](m, *a, **k))

        def __del__(self):
            modules.unregistered, modules._module_state = saved["unregistered"], saved["state"]

        def state_dict(self, *a, **k):
            return {"running": vars(self)["running"]}

    v = run(module_exercise("mean", Mean, mean_cases), Hides)
    assert modules.unregistered is saved["unregistered"]
    assert v.stage == "structure" and "running (a tensor attribute, not a registered buffer)" in v.message, v.message


def test_sealed_runs_on_the_globals_of_when_the_call_started():
    import builtins
    import sys
    import types

    from autograder.checks.probes.sealed import sealed

    mod = types.ModuleType("sealed_toy")
    exec("def helper():\n    return 'original'\n\n"
         "def observe(student):\n    student()\n    return helper(), len([1, 2])\n", mod.__dict__)
    sys.modules["sealed_toy"] = mod
    real_len = builtins.len

    def student():  # patches the module's helper and a builtin while the sealed call runs
        mod.helper = lambda: "patched"
        builtins.len = lambda x: 99

    try:
        assert sealed(mod.observe)(student) == ("original", 2)
        assert mod.helper() == "patched" and len([]) == 99  # the patches are real: only the sealed call missed them
    finally:
        builtins.len = real_len
        del sys.modules["sealed_toy"]


def test_checkpoint_files_are_read_the_safe_way(tmp_path):
    import os

    from autograder.checks.probes import files

    with files.scratch_folder() as folder:
        model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.BatchNorm1d(3))
        good, bad = os.path.join(folder, "good.pt"), os.path.join(folder, "bad.pt")
        torch.save({"model": model.state_dict()}, good)
        torch.save(model, bad)
        os.mkdir(os.path.join(folder, "empty"))
        assert files.written(folder) == ["bad.pt", "empty/", "good.pt"]
        assert files.read_safely(good) == files.READS
        refused = files.read_safely(bad)
        assert refused.startswith("torch.load(path, weights_only=True) refused it: Unsupported global") and \
            "torch.nn.modules.container.Sequential" in refused, refused
        assert files.read_safely(os.path.join(folder, "missing.pt")) == "no file at path"
        assert files.read_bytes_safely(files.raw(good)) == files.READS
        assert files.read_bytes_safely(files.raw(bad)) == refused
        assert files.read_bytes_safely(None) == "no file at path"
        assert files.raw(os.path.join(folder, "missing.pt")) is None
        with open(os.path.join(folder, "junk"), "wb") as f:
            f.write(b"not a checkpoint")
        assert files.read_safely(os.path.join(folder, "junk")).startswith("torch.load(path, weights_only=True) refused it:")
    assert not os.path.exists(folder)


def test_a_meta_step_that_needs_values_stops_quietly_but_mixing_devices_counts():
    class Asserts(Pair):
        def forward(self, x):
            assert not torch.isnan(x).any()  # .item() on meta: no values there
            return super().forward(x)

    class CpuTensor(Pair):
        def forward(self, x):
            return super().forward(x) + torch.zeros(3)

    ex = listed_exercise("pair", Pair, pair_cases)
    assert run(ex, Asserts).passed
    v = run(ex, CpuTensor)
    assert v.stage == "raised" and "not on the expected device meta" in v.message, v.message


def test_buffers_whose_start_the_contract_fixes_are_not_taken_from_the_answer():
    class StartsAtOne(Mean):
        def __init__(self, n):
            super().__init__(n)
            self.running.fill_(1.0)

    assert run(module_exercise("mean", Mean, mean_cases), StartsAtOne).passed  # loaded: the start is not compared
    v = run(listed_exercise("mean", Mean, mean_cases, load_buffers=False), StartsAtOne)
    assert v.stage == "values" and "initial values['running']" in v.message, v.message


def test_an_sgd_step_on_an_output_without_graph_leaves_the_reason_to_the_output():
    class Detached(Pair):
        def forward(self, x):
            return super().forward(x).detach()

    def cases(gen, hidden):
        x = torch.randn(4, 5, generator=gen)
        return [Case(((5,), {}, [("forward", x), ("sgd", 0.1, x)]), label="d=5")]

    v = run(listed_exercise("pair", Pair, cases), Detached)
    assert v.stage == "autograd" and "expected requires_grad=True" in v.message, v.message


def test_a_required_op_must_give_the_result_returned():
    from autograder.checks import Require
    ex = Exercise(id="fused", assignment="tests", signature="fused(x, w, b)", reference=lambda x, w, b: torch.addmm(b, x, w.t()),
                  cases=lambda g, h: [Case((torch.randn(3, 2, generator=g), torch.randn(4, 2, generator=g),
                                            torch.randn(4, generator=g)), grad_args=(0, 1, 2))],
                  required=[Require("torch.addmm", aten={"addmm"}, result_of="AddmmBackward0")], devices=("cpu",))
    assert run(ex, lambda x, w, b: torch.addmm(b, x, w.t())).passed
    thrown_away = run(ex, lambda x, w, b: (torch.addmm(b, x, w.t()), x @ w.t() + b)[1])
    assert thrown_away.stage == "required" and "returns the result of AddBackward0" in thrown_away.message
    assert run(ex, lambda x, w, b: x @ w.t() + b).stage == "required"  # no addmm at all


def test_a_model_given_to_a_function_must_come_back_as_it_was():
    def count(model):
        return sum(p.numel() for p in model.parameters())

    def cases(gen, hidden):
        torch.manual_seed(0)
        return [Case((torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3, padding=1), torch.nn.ReLU(), torch.nn.Dropout(0.5)),))]

    ex = Exercise(id="count", assignment="tests", signature="count(model)", reference=count, cases=cases, devices=("cpu",))
    assert run(ex, count).passed
    for changes, words in ((lambda m: m.eval(), "expected train mode, got eval mode"),
                           (lambda m: m.requires_grad_(False), "expected requires_grad=True"),
                           (lambda m: setattr(m[0], "padding", (2, 2)), "model.0.padding: expected [1, 1], got [2, 2]"),
                           (lambda m: setattr(m, "_cache", 1), "an attribute was added: _cache"),
                           (lambda m: m[1].register_forward_hook(lambda *a: None), "expected 0 hooks, got 1")):
        v = run(ex, lambda model, changes=changes: (changes(model), count(model))[1])
        assert v.stage == "inputs" and words in v.message, v.message
