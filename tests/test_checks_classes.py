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
    assert out.strip() == "['autograder']"


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
