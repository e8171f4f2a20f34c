"""The checking library on small exercises of its own: every stage of the order, every rule,
the plain-data boundary, and the words of the messages."""
from __future__ import annotations

import collections
import threading

import pytest
import torch
import torch.nn.functional as F

from autograder import check, replay  # the course's entry points (its exercises registered)
from autograder.checks import Case, CheckFailed, Exercise, Forbid, Mistake, NotAttempted, Require
from autograder.checks.encode import dumps, encode, loads
from autograder.checks.observe import observe_case
from autograder.checks.run import verdict_for
from autograder.checks.trace import Recorder

CUDA = torch.cuda.is_available()


def double_cases(gen, hidden):
    return [Case((torch.randn(3, 4, generator=gen),), label="3x4"),
            Case((torch.randn(2, 5, generator=gen, dtype=torch.float64),), label="float64", grad_args=(0,))]


def ex(**kw):
    base = dict(id="double", assignment="tests", signature="double(x)", reference=lambda x: x * 2,
                cases=double_cases)
    return Exercise(**{**base, **kw})


def verdict(fn, hidden=False, **kw):
    return verdict_for(ex(**kw), fn, seed=0, hidden=hidden)


# ---- the order of a case's checks -------------------------------------------------------------

def test_a_right_answer_passes_and_says_what_was_checked():
    v = verdict(lambda x: x + x)
    assert v.passed, v.message
    assert "3x4" in v.message and "float64" in v.message
    assert ("CUDA cases were skipped" in v.message) != CUDA  # said when there is no GPU


@pytest.mark.parametrize("fn, stage, words", [
    (lambda x: 1 / 0, "raised", "raised ZeroDivisionError"),
    (lambda x: (x * 2).tolist(), "type", "expected a torch.Tensor, got a list"),
    (lambda x: None, "type", "Did you forget the return statement?"),
    (lambda x: (x * 2).t(), "shape", "expected shape (3, 4), got (4, 3)"),
    (lambda x: (x * 2).unsqueeze(0), "shape", "missing or extra unsqueeze"),
    (lambda x: (x * 2).double(), "dtype", "expected dtype torch.float32, got torch.float64"),
    (lambda x: x * 2.001, "values", "largest error"),
    (lambda x: (x * 2).detach(), "autograd", "expected a tensor that requires grad"),
])
def test_each_stage_is_named(fn, stage, words):
    v = verdict(fn)
    assert not v.passed and v.stage == stage, v.message
    assert words in v.message


def test_the_device_is_checked_on_meta_without_a_gpu():
    v = verdict(lambda x: torch.zeros(x.shape, dtype=x.dtype) + 2 * x.cpu() if x.device.type != "meta"
                else torch.zeros(x.shape, dtype=x.dtype))
    assert v.stage == "device" and "expected device meta, got cpu" in v.message, v.message


@pytest.mark.parametrize("fn", [
    lambda x: x * 2 + torch.zeros(x.shape, dtype=x.dtype),  # a new tensor on the CPU
    lambda x: torch.from_numpy(x.detach().numpy() * 2),  # a detour through NumPy
])
def test_code_that_breaks_on_another_device_fails_on_meta(fn):
    v = verdict(fn, cases=lambda g, h: [Case((torch.randn(3, 4, generator=g),))])
    assert v.stage == "device" and "mixes devices" in v.message, v.message


def test_code_that_cannot_run_on_meta_is_not_wrong():
    v = verdict(lambda x: x * 2 if x[0, 0].item() == x[0, 0].item() else None)
    assert v.passed, v.message


def test_values_report_where_and_what():
    def wrong(x):
        y = x * 2
        y[1, 2] = 100.0
        return y
    v = verdict(wrong)
    assert v.stage == "values"
    assert "at [1, 2]" in v.message and "got 100" in v.message and "1 of 12 values differ" in v.message
    assert "x = torch.tensor([[" in v.message  # the call, ready to paste
    assert "replay('double', 1)" in v.message


def test_hidden_failures_do_not_offer_replay():
    v = verdict(lambda x: x * 3, hidden=True)
    assert not v.passed and "replay(" not in v.message and "hidden check" in v.headline


def test_gradients_are_compared_with_the_references_backward():
    class Wrong(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 3

    v = verdict(Wrong.apply)
    assert v.stage == "gradients" and "wrong gradient values" in v.message, v.message


def test_gradcheck_where_the_exercise_defines_its_own_backward():
    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * x  # should be 2 * g * x

    cases = lambda gen, hidden: [Case((torch.randn(4, generator=gen, dtype=torch.float64),), grad_args=(0,),
                                      gradcheck=True)]
    e = ex(reference=lambda x: x * x, cases=cases)
    v = verdict_for(e, Square.apply, seed=0, hidden=False)
    assert v.stage == "gradients" and "float64 gradcheck" in v.message, v.message
    assert verdict_for(e, lambda x: x ** 2, seed=0, hidden=False).passed


def test_inputs_modified_in_place_are_caught():
    v = verdict(lambda x: x.mul_(2) if not x.requires_grad else x * 2)
    assert v.stage == "inputs" and "modified its input x in place" in v.message, v.message


def test_a_copy_where_a_view_was_asked():
    e = dict(reference=lambda x: x.view(-1), view_of=0)
    assert verdict_for(ex(**e), lambda x: x.reshape(-1), seed=0, hidden=False).passed
    v = verdict_for(ex(**e), lambda x: x.reshape(-1).clone(), seed=0, hidden=False)
    assert v.stage == "view" and "expected a view of x, got a copy" in v.message


def test_known_mistakes_are_explained():
    v = verdict(lambda x: x * 3, mistakes=[Mistake(lambda x: x * 3, "tripled, not doubled")])
    assert "known mistake: tripled, not doubled" in v.message


def test_not_attempted_is_distinct_from_wrong():
    def stub(x):
        raise NotImplementedError()
    v = verdict(stub)
    assert v.status == "not attempted" and "not attempted" in v.headline

    def deeper(x):  # raised by torch, not by the stub: a real error
        return torch.ops.aten.this_op_does_not_exist(x)
    assert verdict(deeper).status == "failed"


def test_tensor_subclasses_are_the_wrong_type():
    class Liar(torch.Tensor):
        def __eq__(self, other):
            return True

    v = verdict(lambda x: (x * 3).as_subclass(Liar))
    assert v.stage == "type" and "subclass of torch.Tensor" in v.message


# ---- containers -------------------------------------------------------------------------------

Point = collections.namedtuple("Point", "x y")


def test_containers_keep_their_types_when_asked():
    cases = lambda gen, hidden: [Case(({"a": (torch.ones(2), "s"), "b": [Point(torch.zeros(1), 3)]},))]
    move = lambda o: o * 2 if isinstance(o, torch.Tensor) else o
    def ref(obj):
        return {"a": (move(obj["a"][0]), obj["a"][1]), "b": [Point(move(obj["b"][0].x), obj["b"][0].y)]}
    e = ex(reference=ref, cases=cases, strict_containers=True, devices=("cpu",))
    assert verdict_for(e, ref, seed=0, hidden=False).passed
    lists = lambda obj: {"a": [move(obj["a"][0]), obj["a"][1]], "b": [Point(move(obj["b"][0].x), 3)]}
    v = verdict_for(e, lists, seed=0, hidden=False)
    assert v.stage == "type" and "expected a tuple, got a list" in v.message, v.message
    plain = lambda obj: {"a": (move(obj["a"][0]), obj["a"][1]), "b": [(move(obj["b"][0].x), 3)]}
    v = verdict_for(e, plain, seed=0, hidden=False)
    assert "Point" in v.message and "type(obj)(*items)" in v.message, v.message


# ---- rules --------------------------------------------------------------------------------------

CONV = Forbid("convolution", aten={"convolution", "conv2d", "_convolution"}, functions={"conv2d"})


def conv_cases(gen, hidden):
    return [Case((torch.randn(1, 1, 5, 5, generator=gen), torch.randn(1, 1, 3, 3, generator=gen)))]


def conv_ex(**kw):
    return ex(id="conv", signature="conv(x, w)", reference=lambda x, w: F.conv2d(x, w), cases=conv_cases,
              forbidden=[CONV], devices=("cpu",), **kw)


def unfold_conv(x, w):
    cols = F.unfold(x, w.shape[-1])
    return (w.view(w.shape[0], -1) @ cols).view(x.shape[0], w.shape[0], x.shape[2] - 2, x.shape[3] - 2)


@pytest.mark.parametrize("fn", [
    lambda x, w: F.conv2d(x, w),
    lambda x, w: torch.ops.aten.convolution(x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1),
    lambda x, w: getattr(torch, "conv" + "2d")(x, w),
])
def test_forbidden_ops_are_caught_by_any_name(fn):
    v = verdict_for(conv_ex(), fn, seed=0, hidden=False)
    assert v.stage == "forbidden" and "uses convolution, which this exercise forbids" in v.message
    assert "aten::" in v.message  # names the op as recorded


def test_forbidden_ops_are_caught_with_dispatch_modes_off():
    from torch.utils._python_dispatch import _disable_current_modes

    def sneaky(x, w):
        with _disable_current_modes(), torch._C.DisableTorchFunction():
            return F.conv2d(x, w)
    v = verdict_for(conv_ex(), sneaky, seed=0, hidden=False)
    assert v.stage == "forbidden", v.message
    assert verdict_for(conv_ex(), unfold_conv, seed=0, hidden=False).passed


def test_stopping_the_profiler_is_detected():
    def stop(x, w):
        torch.autograd._disable_profiler_legacy()
        return F.conv2d(x, w)
    v = verdict_for(conv_ex(), stop, seed=0, hidden=False)
    assert v.stage == "integrity" and "interrupted" in v.message, v.message

    def restart(x, w):
        torch.autograd._disable_profiler_legacy()
        y = F.conv2d(x, w)
        torch.autograd.profiler_legacy.profile().__enter__()
        return y
    assert verdict_for(conv_ex(), restart, seed=0, hidden=False).stage == "integrity"

    def stop_kineto(x, w):
        torch.autograd._disable_profiler()
        return F.conv2d(x, w)
    assert not verdict_for(conv_ex(), stop_kineto, seed=0, hidden=False).passed
    assert not torch.autograd._profiler_enabled()


def test_a_required_op_must_be_used():
    e = ex(reference=lambda x: x * 2, required=[Require("torch.einsum", aten={"einsum"})])
    assert verdict_for(e, lambda x: torch.einsum("ij->ij", x) * 2, seed=0, hidden=False).passed
    v = verdict_for(e, lambda x: x * 2, seed=0, hidden=False)
    assert v.stage == "required" and "does not use torch.einsum" in v.message


@pytest.mark.parametrize("fn", [
    lambda x: x.detach().requires_grad_().mul(2).sum().backward() or x * 2,
    lambda x: torch.autograd.grad((x.detach().requires_grad_() * 2).sum(), [torch.ones(1, requires_grad=True)],
                                  allow_unused=True) and x * 2,
])
def test_autograd_is_caught_where_forbidden(fn):
    v = verdict(fn, no_autograd=True, cases=lambda g, h: [Case((torch.randn(3, generator=g),))])
    assert v.stage == "autograd" and "uses autograd" in v.message, v.message


def batch_ex():
    return ex(reference=lambda x: x.sum(1), cases=lambda g, h: [Case((torch.randn(3, 4, generator=g),))],
              vectorized=lambda b, g: Case((torch.randn(b, 4, generator=g),)))


def test_a_loop_over_samples_is_detected():
    v = verdict_for(batch_ex(), lambda x: torch.stack([row.sum() for row in x]), seed=0, hidden=False)
    assert v.stage == "vectorized" and "a Python loop over the samples was detected" in v.message
    assert "batch of 4" in v.message and "batch of 12" in v.message
    assert verdict_for(batch_ex(), lambda x: (x * torch.ones(4, device=x.device)).sum(-1), seed=0, hidden=False).passed


def test_leaving_torch_is_detected():
    v = verdict_for(batch_ex(), lambda x: torch.tensor([sum(r) for r in x.tolist()]), seed=0, hidden=False)
    assert v.stage == "vectorized" and "Tensor.tolist()" in v.message


def test_work_on_another_thread_is_not_hidden_from_the_values():
    # Rules are recorded per thread (the grader forbids threads); values are checked regardless.
    def threaded(x):
        out = {}
        t = threading.Thread(target=lambda: out.setdefault("y", x * 3))
        t.start(); t.join()
        return out["y"]
    assert verdict(threaded).stage == "values"


# ---- the boundary between observing and judging ------------------------------------------------

def test_observations_are_plain_data_loaded_with_weights_only():
    class Liar(torch.Tensor):
        pass

    x = torch.arange(6.0).view(2, 3)
    rec = observe_case(lambda x: (x.view(-1), x.as_subclass(Liar), {"k": [1, "s"]}),
                       Case((x,)))
    data = dumps(rec)
    back = loads(data)
    out = back["output"]["items"]
    assert out[0]["kind"] == "tensor" and out[1]["kind"] == "other"
    assert out[1]["type"].endswith(".Liar") and out[1]["subclass_of"] == "torch.Tensor"
    # storage sharing survives the trip: the judge can tell a view from a copy
    assert out[0]["data"].untyped_storage().data_ptr() == back["inputs_after"][0]["data"].untyped_storage().data_ptr()


def test_loading_refuses_arbitrary_objects():
    import io
    import pickle

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    buf = io.BytesIO()
    torch.save({"x": Evil()}, buf, pickle_module=pickle)
    with pytest.raises(pickle.UnpicklingError):
        loads(buf.getvalue())


def test_the_recorder_sees_composite_ops_before_they_decompose():
    with Recorder() as rec:
        torch.einsum("ij,jk->ik", torch.ones(2, 3), torch.ones(3, 4))
        torch.cdist(torch.ones(2, 3), torch.ones(4, 3))
    assert {"einsum", "bmm", "cdist"} <= set(rec.trace.aten) and rec.trace.intact


# ---- the notebook entry points -------------------------------------------------------------------

def test_warnings_while_checking_go_to_stdout_not_stderr(capsys):
    """nbgrader scores a test cell with anything on stderr 0: a right answer that warns keeps its ✓
    under `nbgrader autograde`, and the student still reads the warning."""
    import warnings

    def right_but_warns(x, y):
        warnings.warn("this answer warns", UserWarning)
        return ((x[:, None] - y[None]) ** 2).sum(-1)
    check("pairwise_sq_dists", right_but_warns)
    out, err = capsys.readouterr()
    assert err == "" and "✓ pairwise_sq_dists: all" in out
    assert "Warnings while checking (they do not count):\n    UserWarning: this answer warns" in out
    assert out.count("this answer warns") == 1  # once, however many cases raised it


def test_check_prints_a_pass_and_raises_on_failure(capsys):
    def right(x, y):
        return ((x[:, None] - y[None]) ** 2).sum(-1)
    check("pairwise_sq_dists", right)
    assert "✓ pairwise_sq_dists: all" in capsys.readouterr().out
    with pytest.raises(CheckFailed):
        check("pairwise_sq_dists", lambda x, y: right(x, y) + 1)

    def stub(x, y):
        raise NotImplementedError
    with pytest.raises(NotAttempted):
        check("pairwise_sq_dists", stub)


def test_hidden_checks_take_their_seed_from_the_grading_run(monkeypatch):
    from autograder import exercises
    e = exercises.get("pairwise_sq_dists")
    shapes = lambda cases: [tuple(c.args[0].shape) for c in cases]
    monkeypatch.setenv("AUTOGRADER_SEED", "7")
    from autograder.checks.run import hidden_seed
    assert hidden_seed() == 7
    assert shapes(e.make_cases(7, True)) == shapes(e.make_cases(7, True))
    assert shapes(e.make_cases(7, True)) != shapes(e.make_cases(8, True))


def test_replay_gives_the_visible_inputs():
    args, kwargs = replay("pairwise_sq_dists", 1)
    from autograder import exercises
    first = exercises.get("pairwise_sq_dists").make_cases(0, False)[0]
    assert torch.equal(args[0], first.args[0]) and kwargs == {}
    with pytest.raises(ValueError):
        replay("pairwise_sq_dists", 999)


@pytest.mark.skipif(not CUDA, reason="no GPU here: the CUDA cases are covered where one is present")
def test_cuda_cases_run_on_the_gpu():
    e = ex(reference=lambda x: x * 2)
    devices = {c.device for c in e.make_cases(0, False)}
    assert "cuda" in devices
    assert verdict_for(e, lambda x: x + x, seed=0, hidden=False).passed
    v = verdict_for(e, lambda x: (x.cpu() * 2), seed=0, hidden=False)
    assert v.stage == "device" and "expected device cuda:0, got cpu" in v.message


def test_clone_keeps_gradients_and_sharing():
    from autograder.checks.spec import clone
    p = torch.nn.Parameter(torch.ones(3))
    p.grad = torch.full((3,), 2.0)
    base = torch.arange(6.0)
    copied = clone([p, base, base.view(2, 3)])
    assert torch.equal(copied[0].grad, p.grad) and copied[0].grad is not p.grad
    assert copied[2].untyped_storage().data_ptr() == copied[1].untyped_storage().data_ptr()


def test_objects_updated_in_place_must_stay_the_same_objects():
    def step_reference(params):
        with torch.no_grad():
            for p in params:
                p -= p.grad
                p.grad = None

    def cases(gen, hidden):
        params = [torch.randn(3, generator=gen).requires_grad_() for _ in range(2)]
        for p in params:
            p.grad = torch.ones(3)
        return [Case((params,))]

    e = ex(signature="step(params)", reference=step_reference, cases=cases, mutates=(0,), devices=("cpu",))
    assert verdict_for(e, step_reference, seed=0, hidden=False).passed

    def replaces(params):
        for i, p in enumerate(params):
            params[i] = (p - p.grad).detach().requires_grad_()
    v = verdict_for(e, replaces, seed=0, hidden=False)
    assert v.stage == "inputs" and "replaced params[0] by a new object" in v.message, v.message


def test_ops_that_loop_inside_their_kernel_are_not_a_python_loop():
    # F.unfold's CPU kernel calls `select` once per sample, inside the op: only ops called from
    # Python count towards the loop check.
    e = ex(reference=lambda x: F.unfold(x, 3).sum(1), cases=lambda g, h: [Case((torch.randn(2, 2, 5, 5, generator=g),))],
           vectorized=lambda b, g: Case((torch.randn(b, 2, 5, 5, generator=g),)))
    assert verdict_for(e, lambda x: F.unfold(x, 3).sum(1), seed=0, hidden=False).passed
    looped = lambda x: torch.cat([F.unfold(x[i:i + 1], 3).sum(1) for i in range(x.shape[0])])
    assert verdict_for(e, looped, seed=0, hidden=False).stage == "vectorized"


def test_encoding_reads_what_is_really_there():
    class Spoof(dict):
        __module__ = "collections"

        def values(self):
            return [torch.ones(1)]

    assert encode(Spoof(a=torch.zeros(1)))["kind"] == "other"  # not a dict the judge trusts

    class Liar(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.heads = [torch.nn.Linear(2, 2)]  # a plain list: never registered
            self.out = torch.nn.Linear(2, 1)

        def named_parameters(self, *args, **kwargs):
            yield from self.heads[0].named_parameters(prefix="heads.0")

    assert sorted(encode(Liar())["parameters"]) == ["out.bias", "out.weight"]
