"""08_hooks: intermediate results and hooks (Advanced PyTorch "Intermediate results and hooks";
Lecture 4 "TensorBoard").

Every exercise is checked through a scenario that returns plain data (probes/hooks.py,
probes/events.py): the answer runs on a model that already carries hooks of somebody else's
(`Bystanders`: forward, forward pre-, full backward and tensor hooks on its modules and
parameters, and a global forward hook), and every hook on every module, parameter and global
registry is read before and after. What the answer added and did not remove, and what it removed
that was not its own, is reported by name. The reference runs the same scenario.

Models are module-level classes (the grader pickles the cases by reference). No case uses
BatchNorm in train mode or dropout: a scenario's forwards must leave the model's state as it was.
"""
from __future__ import annotations

import copy
import functools
import numbers
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Mapping

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..checks.cases import pick, size
from ..checks.probes import events
from ..checks.probes import hooks as probe
from ..checks.registry import register
from ..checks.spec import AnswerKindError, Case, Exercise

A = "08_hooks"
AFTER = "__after__"  # the scenario's observations compared after its output (as `extras`)


# ---- models -----------------------------------------------------------------------------------

class Net(nn.Module):
    """The EE-559 MNIST network: 105,506 parameters, 1,333,200 products per 28x28 sample."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5)
        self.fc1 = nn.Linear(256, 200)
        self.fc2 = nn.Linear(200, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), kernel_size=3))
        x = F.relu(F.max_pool2d(self.conv2(x), kernel_size=2))
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


class SmallCNN(nn.Module):
    """Names "features.0" ... "classifier.3"; an in-place ReLU right after "features.0"; a
    strided, padded second convolution."""

    def __init__(self, channels: int = 1, size: int = 8, classes: int = 3, width: int = 6):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, width, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Conv2d(width, 8, 3, stride=2, padding=1), nn.ReLU())
        side = (size // 2 - 1) // 2 + 1
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(8 * side * side, 16), nn.Tanh(), nn.Linear(16, classes))

    def forward(self, x):
        return self.classifier(self.features(x))


class Gate(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.lin = nn.Linear(d, d)
        self.gate = nn.Sequential(nn.Linear(d, d), nn.Sigmoid())

    def forward(self, x):
        return torch.tanh(self.lin(x)) * self.gate(x)


class Head(nn.Linear):
    """A layer of one's own that is a Linear: isinstance(m, nn.Linear) finds it, type(m) is nn.Linear does not."""


class Tower(nn.Module):
    """Nested names ("blocks.1.gate.0", four levels), a head defined first but called last (a
    subclass of nn.Linear), and an auxiliary layer that is never called."""

    def __init__(self, d_in: int = 5, d: int = 6, d_out: int = 3, depth: int = 2):
        super().__init__()
        self.head = Head(d, d_out)
        self.blocks = nn.ModuleList(Gate(d) for _ in range(depth))
        self.aux = nn.Linear(d, 4)  # never called in forward
        self.embed = nn.Linear(d_in, d)

    def forward(self, x):
        x = self.embed(x)
        for block in self.blocks:
            x = x + block(x)
        return self.head(x)


class Tokens(nn.Module):
    """Linear layers on (N, T, F) inputs, and layers that are neither Conv2d nor Linear (Conv1d,
    LayerNorm) between them."""

    def __init__(self, f: int = 4, d: int = 6, t: int = 5, classes: int = 3):
        super().__init__()
        self.proj = nn.Linear(f, d)
        self.mix = nn.Conv1d(d, d, kernel_size=3, padding=1)
        self.norm = nn.LayerNorm(d)
        self.out = nn.Linear(t * d, classes)

    def forward(self, x):  # (N, T, F)
        h = self.proj(x)
        h = self.mix(h.transpose(1, 2)).transpose(1, 2)
        return self.out(self.norm(h).flatten(1))


class Shift(nn.Module):
    """x + shift, a learned offset: on an unbatched input the gradient that reaches `shift` is the
    very tensor that flows further back."""

    def __init__(self, d: int):
        super().__init__()
        self.shift = nn.Parameter(torch.zeros(d))

    def forward(self, x):
        return x + self.shift


class Shifted(nn.Module):
    def __init__(self, d_in: int = 4, d: int = 5, d_out: int = 3):
        super().__init__()
        self.first = nn.Linear(d_in, d)
        self.offset = Shift(d)
        self.last = nn.Linear(d, d_out)

    def forward(self, x):
        return self.last(torch.tanh(self.offset(self.first(x))))


class Tied(nn.Module):
    """Two layers that share one weight: named once ("enc.weight"), used twice in the forward."""

    def __init__(self, d: int = 5):
        super().__init__()
        self.enc = nn.Linear(d, d)
        self.dec = nn.Linear(d, d)
        self.dec.weight = self.enc.weight

    def forward(self, x):
        return self.dec(torch.tanh(self.enc(x)))


def _seed_from(gen: torch.Generator) -> int:
    return int(torch.randint(2**31 - 1, (), generator=gen))


def _model(gen, build, dtype=torch.float32, frozen=()):
    """A model built with its own seed (the global RNG left as it was), in eval mode, with the
    parameters named in `frozen` (prefixes) not requiring grad."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(_seed_from(gen))
        model = build().to(dtype)
    model.eval()
    for name, p in model.named_parameters():
        if name.startswith(tuple(frozen)) and frozen:
            p.requires_grad_(False)
    return model


def _x(gen, *shape, dtype=torch.float32):
    return torch.randn(shape, generator=gen, dtype=torch.float64).to(dtype)


# ---- scenario helpers -------------------------------------------------------------------------

def _observed(value):
    """A value as it is now: tensors cloned (requires_grad and the graph kept, so that the judge
    sees whether the answer detached it), containers rebuilt."""
    if type(value) in (torch.Tensor, nn.Parameter):
        with torch.enable_grad():
            return value.clone() if value.requires_grad else value.detach().clone()
    if isinstance(value, Mapping):
        return {k: _observed(v) for k, v in list(value.items())}
    if type(value) in (list, tuple):
        return type(value)(_observed(v) for v in value)
    return value


def _outputs_of(rec):
    outputs = getattr(rec, "outputs")
    if not isinstance(outputs, Mapping):
        return f"a {type(outputs).__name__}, not a dict"
    return {(k if isinstance(k, str) else f"<a {type(k).__name__}>"): _observed(v)
            for k, v in list(outputs.items())}


def _names_in(outputs) -> object:
    return sorted(outputs) if isinstance(outputs, dict) else outputs


def _hook_report(before: dict, after: dict, others: probe.Bystanders | None = None) -> dict:
    out = {"hooks left behind": probe.left_behind(before, after),
           "hooks of others removed": probe.removed(before, after)}
    if others is not None:
        out["calls of others' hooks"] = others.calls()
    return out


def _after_extras(output, case, args, recorder):
    """The scenario's later observations, compared after its output: taken out of the output."""
    if isinstance(output, dict) and AFTER in output:
        return output.pop(AFTER)
    return {}


def _class_adapter(scenario, what: str):
    def adapter(answer):
        if not isinstance(answer, type):
            raise AnswerKindError(f"expected the class {what}, got {type(answer).__name__} object")
        return functools.partial(scenario, answer)
    return adapter


def _function_adapter(scenario, what: str):
    def adapter(answer):
        if isinstance(answer, type) or not callable(answer):
            got = f"the class {answer.__name__}" if isinstance(answer, type) else f"{type(answer).__name__} object"
            raise AnswerKindError(f"expected the function {what}, got {got}")
        return functools.partial(scenario, answer)
    return adapter


HOOK_TEXT = {
    "hooks left behind": ("hooks left behind", "Every hook you register must be removed: keep the handle that "
                          "register_*_hook returns and call handle.remove() (in __exit__, remove(), or a finally: "
                          "block). Removing them in __del__ is too late: nothing says when it runs."),
    "hooks of others removed": ("hooks of others removed",
                                "Remove only your own hooks, through their handles. module._forward_hooks.clear() "
                                "and similar remove everybody's hooks."),
    "calls of others' hooks": ("calls of others' hooks",
                               "Hooks that somebody else registered must keep running: remove only your own."),
}


# ---- ActivationRecorder -----------------------------------------------------------------------

class ActivationRecorder:
    """with ActivationRecorder(model, names) as rec: model(x); rec.outputs[name] is the detached
    (and cloned) output of each named submodule at the last forward."""

    def __init__(self, model, names):
        self.model = model
        self.names = list(names)
        self.outputs = {}
        self._handles = []

    def _hook(self, name):
        def record(module, inputs, output):
            self.outputs[name] = output.detach().clone()
        return record

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            self._handles.append(modules[name].register_forward_hook(self._hook(name)))
        return self

    def __exit__(self, *exc):
        for handle in self._handles:
            handle.remove()
        self._handles.clear()
        return False


def _recorder_scenario(cls, model, names, inputs, outside, bad, others):
    report, after = {}, {}
    with torch.enable_grad(), probe.keep_globals(isolate=True), probe.Bystanders(model, **others) as bystanders:
        before = probe.snapshot(model)
        rec = cls(model, names)
        with rec as entered:
            report["__enter__ returns"] = ("the recorder itself" if entered is rec else
                                           "None" if entered is None else f"another object (a {type(entered).__name__})")
            for i, x in enumerate(inputs, start=1):
                report[f"model output, forward {i}"] = _observed(model(x))
                outputs = _outputs_of(rec)
                report[f"names in rec.outputs after forward {i}"] = _names_in(outputs)
                report[f"rec.outputs after forward {i}"] = outputs
        after.update(_hook_report(before, probe.snapshot(model), bystanders))
        model(outside)
        outputs = _outputs_of(rec)
        after["names in rec.outputs after the with block"] = _names_in(outputs)
        after["rec.outputs after the with block"] = outputs
        # An exception inside the with block: it must come out, and the hooks must go.
        start = probe.snapshot(model)
        second = cls(model, names)
        try:
            with second:
                model(bad)
            after["an error inside the with block"] = "nothing came out of the with block (the error was swallowed)"
        except RuntimeError:
            after["an error inside the with block"] = "the RuntimeError came out of the with block"
        after["hooks left after an error in the block"] = probe.left_behind(start, probe.snapshot(model))
    report[AFTER] = after
    return report


def _names_text(names) -> str:
    return ", ".join(repr(n) for n in names)


def _recorder_case(gen, family: str, hidden: bool, dtype=torch.float32):
    if family == "cnn":
        c, s = (1, 8) if not hidden else (size(gen, 1, 3), 2 * size(gen, 3, 6))
        model = _model(gen, lambda: SmallCNN(c, s, 3), dtype)
        names = pick(gen, (["features.0", "features.3", "classifier.1"], ["classifier.3", "features.0", "features"]))
        shape = lambda n: (n, c, s, s)  # noqa: E731
        bad = _x(gen, 2, c + 1, s, s, dtype=dtype)
        others = dict(forward=["features.0"], pre=["classifier.1"], backward=["classifier.3"],
                      tensors=["features.0.weight"], global_forward=True)
        label = f"SmallCNN, names {_names_text(names)}"
    elif family == "net":
        model = _model(gen, Net, dtype)
        names = ("conv2", "fc1") if not hidden else tuple(pick(gen, (["conv1", "fc2"], ["fc1", "conv2", "conv1"])))
        shape = lambda n: (n, 1, 28, 28)  # noqa: E731
        bad = _x(gen, 1, 1, 20, 20, dtype=dtype)
        others = dict(forward=["conv2"], pre=["fc1"], tensors=["fc1.bias"], global_forward=True)
        label = f"Net, names as a tuple ({_names_text(names)})"
    else:
        d_in, d = (5, 6) if not hidden else (size(gen, 2, 8), size(gen, 2, 9))
        model = _model(gen, lambda: Tower(d_in, d, 3), dtype)
        names = ["blocks.1.gate.0", "blocks.0", "head"]
        shape = lambda n: (n, d_in)  # noqa: E731
        bad = _x(gen, 2, d_in + 1, dtype=dtype)
        others = dict(forward=["blocks.0", "head"], pre=["blocks.1.gate.0"], backward=["embed"],
                      tensors=["head.weight"], global_forward=True)
        label = f"Tower, names {_names_text(names)}"
    sizes = (2, 3) if not hidden else (size(gen, 1, 6), size(gen, 1, 6))
    if family == "net" and not hidden:
        sizes = (1,)
    inputs = [_x(gen, *shape(n), dtype=dtype) for n in sizes]
    outside = _x(gen, *shape(2), dtype=dtype)
    label += ", float64" if dtype == torch.float64 else ""
    return Case((model, names, inputs, outside, bad, others), label=label)


def _recorder_cases(gen, hidden):
    cases = [_recorder_case(gen, "cnn", False), _recorder_case(gen, "net", False),
             _recorder_case(gen, "tower", False, torch.float64)]
    if hidden:
        for _ in range(3):
            cases.append(_recorder_case(gen, pick(gen, ("cnn", "net", "tower")), True, pick(gen, (torch.float32, torch.float64))))
    return cases


_DETACHED = ("Store output.detach().clone() under the module's qualified name, in a forward hook "
             "(module, inputs, output). Without .detach() the stored tensor keeps the graph (requires_grad=True); "
             "without .clone() a later in-place op (nn.ReLU(inplace=True) right after the module) changes what "
             "you stored; inputs[0] is the module's input, not its output.")
_NAMES = ("rec.outputs must be a dict whose keys are the qualified names given, one entry per name. A lambda "
          "written in a loop sees the loop variable's last value unless it takes it as a default argument.")
_REPLACED = ("The model's output changed: a forward hook that returns a value replaces the module's output "
             "(return None from a recording hook).")

register(Exercise(
    id="ActivationRecorder", assignment=A, signature="ActivationRecorder(model, names)",
    reference=functools.partial(_recorder_scenario, ActivationRecorder), cases=_recorder_cases,
    adapter=_class_adapter(_recorder_scenario, "ActivationRecorder"), extras=_after_extras,
    named_outputs=True, pasteable=False, devices=("cpu",),
    hints={"__enter__ returns": "__enter__ must return self, so that `with ActivationRecorder(...) as rec:` binds the recorder.",
           **{f"rec.outputs after forward {i}": _DETACHED for i in (1, 2, 3)},
           **{f"names in rec.outputs after forward {i}": _NAMES for i in (1, 2, 3)},
           **{f"model output, forward {i}": _REPLACED for i in (1, 2, 3)}},
    extras_text={**HOOK_TEXT,
                 "names in rec.outputs after the with block": (
                     "names in rec.outputs after the with block",
                     "After the with block rec.outputs keeps the values of the last forward inside it."),
                 "rec.outputs after the with block": (
                     "rec.outputs after the with block",
                     "After the with block rec.outputs keeps the values of the last forward inside it, and no "
                     "longer changes: your hooks are gone."),
                 "an error inside the with block": (
                     "an error inside the with block",
                     "__exit__ must return False (or None) so that an exception raised inside the with block "
                     "comes out of it, after your hooks are removed."),
                 "hooks left after an error in the block": (
                     "hooks left after an error in the block",
                     "Remove the hooks in __exit__, which runs whether or not the block raised.")},
))


# ---- ActivationL2 -----------------------------------------------------------------------------

class ActivationL2:
    """The slides' Regularizer, fixed: a forward hook registered on construction keeps
    `loss` = output.pow(2).mean() of the last forward (differentiable); `remove()` removes it."""

    def __init__(self, module):
        self.loss = None
        self._handle = module.register_forward_hook(self._hook)

    def _hook(self, module, inputs, output):
        self.loss = output.pow(2).mean()

    def remove(self):
        self._handle.remove()


def _gradients(loss, model) -> object:
    """{parameter name: gradient of loss, or None where none flows}, over the trainable parameters."""
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    if type(loss) is not torch.Tensor or not loss.requires_grad:
        return "loss is not a tensor that requires grad: no gradient can flow back"
    if loss.dim() != 0:
        return f"loss has shape {tuple(loss.shape)}: not one number, so no gradient of it"
    grads = torch.autograd.grad(loss, [p for _, p in params], allow_unused=True, retain_graph=True)
    return {n: (g.detach().clone() if g is not None else None) for (n, _), g in zip(params, grads)}


def _l2_scenario(cls, model, name, inputs, others):
    report, after = {}, {}
    with torch.enable_grad(), probe.keep_globals(isolate=True), probe.Bystanders(model, **others) as bystanders:
        before = probe.snapshot(model)
        reg = cls(model.get_submodule(name))
        loss = None
        for i, x in enumerate(inputs, start=1):
            report[f"model output, forward {i}"] = _observed(model(x))
            loss = getattr(reg, "loss")
            report[f"loss after forward {i}"] = _observed(loss)
        report["gradients of the last loss"] = _gradients(loss, model)
        reg.remove()
        after.update(_hook_report(before, probe.snapshot(model), bystanders))
    report[AFTER] = after
    return report


def _l2_case(gen, family: str, hidden: bool, dtype=torch.float32):
    if family == "cnn":
        c, s = (1, 8) if not hidden else (size(gen, 1, 3), 2 * size(gen, 3, 6))
        model = _model(gen, lambda: SmallCNN(c, s, 3), dtype)
        name = pick(gen, ("features.3", "classifier.1")) if hidden else "features.3"
        shape = lambda n: (n, c, s, s)  # noqa: E731
        others = dict(forward=[name], pre=["features.0"], backward=["classifier.3"], tensors=["features.0.weight"],
                      global_forward=True)
        label = f"SmallCNN, on {name!r}"
    elif family == "net":
        model = _model(gen, Net, dtype)
        name = "fc1" if not hidden else pick(gen, ("conv2", "fc1"))
        shape = lambda n: (n, 1, 28, 28)  # noqa: E731
        others = dict(forward=[name], pre=["conv1"], tensors=["conv1.bias"], global_forward=True)
        label = f"Net, on {name!r}"
    else:
        d_in, d = (5, 6) if not hidden else (size(gen, 2, 8), size(gen, 2, 9))
        model = _model(gen, lambda: Tower(d_in, d, 3), dtype)
        name = "blocks.0.gate"
        shape = lambda n: (n, d_in)  # noqa: E731
        others = dict(forward=["blocks.0.gate"], pre=["blocks.0.gate"], backward=["head"], tensors=["embed.weight"],
                      global_forward=True)
        label = "Tower, on 'blocks.0.gate' (ends in a Sigmoid)"
    sizes = (2, 3) if not hidden else (size(gen, 1, 6), size(gen, 1, 6))
    if family == "net" and not hidden:
        sizes = (1,)
    inputs = [_x(gen, *shape(n), dtype=dtype) for n in sizes]
    label += ", float64" if dtype == torch.float64 else ""
    return Case((model, name, inputs, others), label=label)


def _l2_cases(gen, hidden):
    cases = [_l2_case(gen, "cnn", False), _l2_case(gen, "net", False), _l2_case(gen, "tower", False, torch.float64)]
    if hidden:
        for _ in range(3):
            cases.append(_l2_case(gen, pick(gen, ("cnn", "net", "tower")), True, pick(gen, (torch.float32, torch.float64))))
    return cases


_LOSS = ("loss must be output.pow(2).mean() of the hooked module's output at the last forward, kept as a tensor "
         "connected to the graph: no .item(), .detach(), .data or torch.no_grad(), and not input[0] (the slides' "
         "Regularizer squares the module's input).")

register(Exercise(
    id="ActivationL2", assignment=A, signature="ActivationL2(module)",
    reference=functools.partial(_l2_scenario, ActivationL2), cases=_l2_cases,
    adapter=_class_adapter(_l2_scenario, "ActivationL2"), extras=_after_extras,
    named_outputs=True, pasteable=False, devices=("cpu",),
    hints={**{f"loss after forward {i}": _LOSS for i in (1, 2, 3)},
           **{f"model output, forward {i}": _REPLACED for i in (1, 2, 3)},
           "gradients of the last loss": (
               "The loss must be differentiable back to the parameters before the hooked module: compute it "
               "from the hook's output tensor itself.")},
    extras_text={**HOOK_TEXT, "hooks left behind": (
        "hooks left behind after remove()",
        "remove() must remove the hook registered in __init__: keep its handle (self.handle = "
        "module.register_forward_hook(...)) and call self.handle.remove(). __del__ is not remove().")},
))


# ---- clip_grad_hooks --------------------------------------------------------------------------

def _clamp(grad, max_abs):
    return grad.clamp(-max_abs, max_abs)


def clip_grad_hooks(model, max_abs):
    return [p.register_hook(functools.partial(_clamp, max_abs=max_abs))
            for p in model.parameters() if p.requires_grad]


def _grads_of(model) -> dict:
    return {n: (p.grad.detach().clone() if p.grad is not None else None) for n, p in model.named_parameters()}


def _backward(model, x, weight):
    x = x.detach().clone().requires_grad_()
    (model(x) * weight).sum().backward()
    return x.grad.detach().clone()


def _clip_scenario(fn, model, max_abs, x, weight, others):
    report, after = {}, {}
    with torch.enable_grad(), probe.keep_globals(isolate=True), probe.Bystanders(model, **others) as bystanders:
        before = probe.snapshot(model)
        handles = fn(model, max_abs)
        if isinstance(handles, (list, tuple)):
            report["handles returned"] = [type(h).__name__ for h in list(handles)]
        else:
            report["handles returned"] = f"a {type(handles).__name__}, not a list"
            handles = []
        x_grad = _backward(model, x, weight)
        report["p.grad after one backward"] = _grads_of(model)
        report["x.grad after one backward"] = x_grad
        _backward(model, x, weight)
        report["p.grad after a second backward (accumulated)"] = _grads_of(model)
        for handle in list(handles):
            handle.remove()
        after.update(_hook_report(before, probe.snapshot(model), bystanders))
        model.zero_grad(set_to_none=True)
        _backward(model, x, weight)
        after["p.grad after removing the handles"] = _grads_of(model)
    report[AFTER] = after
    return report


def _median_abs_grad(model, x, weight) -> float:
    """A max_abs that clamps about half of the gradient entries, rounded to 3 digits."""
    probe_model = _clone_model(model)
    _backward(probe_model, x, weight)
    grads = torch.cat([p.grad.reshape(-1).abs() for p in probe_model.parameters() if p.grad is not None])
    value = float(grads.median())
    return float(f"{value:.3g}") if value > 0 else 0.1


def _clone_model(model):
    return copy.deepcopy(model)


def _clip_case(gen, family: str, hidden: bool, dtype=torch.float32):
    if family == "shifted":
        d_in, d = (4, 5) if not hidden else (size(gen, 2, 7), size(gen, 2, 7))
        model = _model(gen, lambda: Shifted(d_in, d, 3), dtype)
        x = _x(gen, d_in, dtype=dtype)  # unbatched: the gradient reaching `offset.shift` flows further back
        others = dict(forward=["first"], pre=["last"], tensors=["offset.shift"], global_forward=True)
        label = "Linear, Shift, Linear on one unbatched (1-D) sample"
    elif family == "cnn":
        c, s = (1, 8) if not hidden else (size(gen, 1, 3), 2 * size(gen, 3, 6))
        model = _model(gen, lambda: SmallCNN(c, s, 3), dtype, frozen=("features.0.",))
        n = 3 if not hidden else size(gen, 1, 6)
        x = _x(gen, n, c, s, s, dtype=dtype)
        others = dict(forward=["features.3"], backward=["classifier.3"], tensors=["classifier.1.weight"],
                      global_forward=True)
        label = "SmallCNN with features.0 frozen"
    else:
        d = 5 if not hidden else size(gen, 2, 8)
        model = _model(gen, lambda: Tied(d), dtype)
        n = 4 if not hidden else size(gen, 1, 6)
        x = _x(gen, n, d, dtype=dtype)
        others = dict(forward=["enc"], tensors=["enc.weight"], global_forward=True)
        label = "two layers sharing one weight"
    out_shape = _clone_model(model)(x).shape
    weight = 3.0 * _x(gen, *out_shape, dtype=dtype)
    max_abs = _median_abs_grad(model, x, weight)
    label += f", max_abs={max_abs}" + (", float64" if dtype == torch.float64 else "")
    return Case((model, max_abs, x, weight, others), label=label)


def _clip_cases(gen, hidden):
    cases = [_clip_case(gen, "shifted", False), _clip_case(gen, "cnn", False), _clip_case(gen, "tied", False, torch.float64)]
    if hidden:
        for _ in range(3):
            cases.append(_clip_case(gen, pick(gen, ("shifted", "cnn", "tied")), True, pick(gen, (torch.float32, torch.float64))))
    return cases


_CLAMPED = ("Each parameter's hook (p.register_hook(hook)) must return grad.clamp(-max_abs, max_abs), a new tensor: "
            "a hook that clamps in place (clamp_) changes the gradient that also flows further back, and one that "
            "returns nothing changes nothing. Hook only parameters with requires_grad.")

register(Exercise(
    id="clip_grad_hooks", assignment=A, signature="clip_grad_hooks(model, max_abs)",
    reference=functools.partial(_clip_scenario, clip_grad_hooks), cases=_clip_cases,
    adapter=_function_adapter(_clip_scenario, "clip_grad_hooks"), extras=_after_extras,
    named_outputs=True, pasteable=False, devices=("cpu",),
    hints={"handles returned": (
               "Return a list with the handle of each hook, one per parameter that requires grad, each once "
               "(model.parameters() lists a shared parameter once)."),
           "p.grad after one backward": _CLAMPED,
           "x.grad after one backward": (
               "The input's gradient changed: a hook modified in place the gradient it was given (clamp_, "
               "copy_, [...] = ...), which here is the very tensor that also flows back to x. Return a new "
               "tensor: grad.clamp(-max_abs, max_abs)."),
           "p.grad after a second backward (accumulated)": (
               "Each gradient is clamped as it arrives, before it is added into .grad: after two backward "
               "passes .grad holds clamp(g1) + clamp(g2). A hook on the accumulated .grad "
               "(register_post_accumulate_grad_hook) clamps the sum instead.")},
    extras_text={**HOOK_TEXT,
                 "hooks left behind": ("hooks left behind after every returned handle was removed",
                                       "Return the handles of all the hooks you registered, and nothing else "
                                       "registered: removing the handles must leave no hook of yours."),
                 "p.grad after removing the handles": (
                     "p.grad after removing the handles",
                     "Once the handles are removed, gradients must be the plain, unclamped ones.")},
))


# ---- layer_costs ------------------------------------------------------------------------------

def _products_per_output(module) -> int:
    if isinstance(module, nn.Linear):
        return module.in_features
    kh, kw = module.kernel_size
    return module.in_channels // module.groups * kh * kw


def layer_costs(model, x):
    costs = OrderedDict()

    def hook_for(name):
        def hook(module, inputs, output):
            per_sample = output[0].numel()
            costs[name] = (tuple(output.shape), per_sample * _products_per_output(module))
        return hook

    handles = [m.register_forward_hook(hook_for(n)) for n, m in model.named_modules()
               if isinstance(m, (nn.Conv2d, nn.Linear))]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return costs


def _entry(value):
    """(shape as a list of ints, products) from one value of the answer's dict, or why not."""
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        return f"a {type(value).__name__}, not a pair (shape, products)", None
    shape, products = value
    if isinstance(shape, (tuple, list)) and all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in shape):
        shape = [int(n) for n in shape]
    elif isinstance(shape, (tuple, list)):
        shape = [n if isinstance(n, (int, float, str)) else type(n).__name__ for n in shape]
    else:
        shape = f"a {type(shape).__name__}, not a tuple of ints"
    if isinstance(products, numbers.Integral) and not isinstance(products, bool):
        products = int(products)
    elif type(products) is torch.Tensor:
        products = _observed(products)
    elif not isinstance(products, (int, float, str, type(None))):
        products = f"a {type(products).__name__}"
    return shape, products


def _costs_scenario(fn, model, x, others):
    report, after = {}, {}
    with probe.keep_globals(isolate=True), probe.Bystanders(model, **others):
        before = probe.snapshot(model)
        result = fn(model, x)
        after.update(_hook_report(before, probe.snapshot(model)))
    if not isinstance(result, Mapping):
        report["the result"] = f"a {type(result).__name__}, not an ordered dict"
    else:
        report["the result"] = "an ordered dict (name -> (output shape, products per sample))"
        items = list(result.items())
        report["layers, in forward order"] = [k if isinstance(k, str) else f"<a {type(k).__name__}>" for k, _ in items]
        entries = {str(k): _entry(v) for k, v in items}
        report["output shapes"] = {k: s for k, (s, _) in entries.items()}
        report["products per sample"] = {k: p for k, (_, p) in entries.items()}
        report["total products per sample"] = (sum(p for _, p in entries.values()) if
                                                   all(type(p) is int for _, p in entries.values()) else "not all ints")
    report[AFTER] = after
    return report


def _costs_case(gen, family: str, hidden: bool, dtype=torch.float32):
    n = size(gen, 2, 5) if hidden else 2
    if family == "net":
        model, x = _model(gen, Net, dtype), _x(gen, n, 1, 28, 28, dtype=dtype)
        others = dict(forward=["conv1"], pre=["fc2"], global_forward=True)
        label = "Net (1,333,200 products per sample)"
    elif family == "cnn":
        c, s = (2, 10) if not hidden else (size(gen, 1, 3), 2 * size(gen, 3, 7))
        model, x = _model(gen, lambda: SmallCNN(c, s, 4), dtype), _x(gen, n, c, s, s, dtype=dtype)
        others = dict(forward=["features.3"], pre=["features.0"], tensors=["classifier.3.bias"], global_forward=True)
        label = f"SmallCNN on {c}x{s}x{s} (padding, stride 2)"
    elif family == "tower":
        d_in, d = (5, 6) if not hidden else (size(gen, 2, 8), size(gen, 2, 9))
        model, x = _model(gen, lambda: Tower(d_in, d, 3), dtype), _x(gen, n, d_in, dtype=dtype)
        others = dict(forward=["blocks.1.gate.0"], pre=["head"], global_forward=True)
        label = "Tower (head defined first, a subclass of nn.Linear, an unused layer)"
    else:
        f, d, t = (4, 6, 5) if not hidden else (size(gen, 2, 6), size(gen, 2, 7), size(gen, 2, 6))
        model, x = _model(gen, lambda: Tokens(f, d, t, 3), dtype), _x(gen, n, t, f, dtype=dtype)
        others = dict(forward=["proj"], pre=["mix"], global_forward=True)
        label = f"Tokens on (N, T, F) = {tuple(x.shape)}"
    return Case((model, x, others), label=label + (f", batch of {n}" if family != "tokens" else "") +
                (", float64" if dtype == torch.float64 else ""))


def _costs_cases(gen, hidden):
    cases = [_costs_case(gen, "net", False), _costs_case(gen, "cnn", False),
             _costs_case(gen, "tower", False, torch.float64), _costs_case(gen, "tokens", False)]
    if hidden:
        for _ in range(4):
            cases.append(_costs_case(gen, pick(gen, ("net", "cnn", "tower", "tokens")), True,
                                     pick(gen, (torch.float32, torch.float64))))
    return cases


register(Exercise(
    id="layer_costs", assignment=A, signature="layer_costs(model, x)",
    reference=functools.partial(_costs_scenario, layer_costs), cases=_costs_cases,
    adapter=_function_adapter(_costs_scenario, "layer_costs"), extras=_after_extras,
    named_outputs=True, pasteable=False, devices=("cpu",),
    hints={"the result": "Return an OrderedDict (or a dict, which keeps insertion order): qualified name -> "
                         "(output shape, products per sample).",
           "layers, in forward order": (
               "Every nn.Conv2d and nn.Linear at any depth that runs in the forward pass, in the order they run "
               "(record them from forward hooks; named_modules() gives the order of definition, and lists layers "
               "that never run), under named_modules()'s qualified names (\"features.0\")."),
           "output shapes": (
               "The shape of the layer's output as the hook sees it, batch dimension included: tuple(output.shape)."),
           "products per sample": (
               "Products per sample = (elements of one sample's output) x (products per output element: "
               "in_features for Linear, in_channels * kh * kw for Conv2d); the bias adds none. Count for one "
               "sample, not the batch; parameters are not products."),
           "total products per sample": "The sum over the layers."},
    extras_text=HOOK_TEXT,
))


# ---- log_activation_histograms ----------------------------------------------------------------

def log_activation_histograms(model, x, writer):
    handles = []
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            def hook(module, inputs, output, name=name):
                writer.add_histogram(name, output.detach())
            handles.append(module.register_forward_hook(hook))
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()


_STATS = ("num", "min", "max", "sum", "sum_squares")


def _histograms_scenario(fn, model, x, others, writer_class):
    """`writer_class` is events.ThreadFreeSummaryWriter, passed in the case so that unpickling the
    cases imports TensorBoard (in a grader's fork server, before the sandbox)."""
    report, after = {}, {}
    log_dir = tempfile.mkdtemp(prefix="autograder-tensorboard-")
    try:
        writer = writer_class(log_dir=log_dir)
        try:
            with probe.keep_globals(isolate=True), probe.Bystanders(model, **others):
                before = probe.snapshot(model)
                fn(model, x, writer)
                after.update(_hook_report(before, probe.snapshot(model)))
        finally:
            writer.close()
        written = events.read(log_dir)
    finally:
        shutil.rmtree(log_dir, ignore_errors=True)
    histograms: dict[str, list] = {}
    for v in written:
        if v["kind"] == "histogram":
            histograms.setdefault(v["tag"], []).append(v)
    report["histograms written"] = sorted(f"{v['tag']} at step {v['step']}" for vs in histograms.values() for v in vs)
    report["other summaries written"] = [f"{v['kind']} {v['tag']!r}" for v in written if v["kind"] != "histogram"]
    report["histogram contents"] = {
        tag: {k: vs[-1]["histogram"][k] for k in _STATS} for tag, vs in histograms.items()}
    report[AFTER] = after
    return report


def _histograms_case(gen, family: str, hidden: bool):
    n = size(gen, 1, 5) if hidden else 3
    if family == "cnn":
        c, s = (1, 8) if not hidden else (size(gen, 1, 3), 2 * size(gen, 3, 6))
        model, x = _model(gen, lambda: SmallCNN(c, s, 3)), _x(gen, n, c, s, s)
        others = dict(forward=["features.0"], pre=["classifier.1"], global_forward=True)
        label = "SmallCNN (in-place ReLU)"
    elif family == "tower":
        d_in, d = (5, 6) if not hidden else (size(gen, 2, 8), size(gen, 2, 9))
        model, x = _model(gen, lambda: Tower(d_in, d, 3)), _x(gen, n, d_in)
        others = dict(forward=["head"], pre=["blocks.0.lin"], global_forward=True)
        label = "Tower (a subclass of nn.Linear, an unused layer)"
    else:
        model, x = _model(gen, Net), _x(gen, n, 1, 28, 28)
        others = dict(forward=["conv1"], global_forward=True)
        label = "Net"
    return Case((model, x, others, events.ThreadFreeSummaryWriter), label=f"{label}, batch of {n}")


def _histograms_cases(gen, hidden):
    cases = [_histograms_case(gen, "cnn", False), _histograms_case(gen, "tower", False),
             _histograms_case(gen, "net", False)]
    if hidden:
        for _ in range(3):
            cases.append(_histograms_case(gen, pick(gen, ("cnn", "tower", "net")), True))
    return cases


register(Exercise(
    id="log_activation_histograms", assignment=A, signature="log_activation_histograms(model, x, writer)",
    reference=functools.partial(_histograms_scenario, log_activation_histograms), cases=_histograms_cases,
    adapter=_function_adapter(_histograms_scenario, "log_activation_histograms"), extras=_after_extras,
    named_outputs=True, pasteable=False, devices=("cpu",),
    hints={"histograms written": (
               "One writer.add_histogram(name, output) per nn.Conv2d and nn.Linear that runs, tagged with its "
               "qualified name from named_modules() (\"features.0\", not \"Conv2d\" or \"0\"), without a "
               "global_step (step 0), into the writer you are given."),
           "other summaries written": "Write the histograms only.",
           "histogram contents": (
               "Log each layer's output (the activations) for the whole batch: not its weights, not its input, "
               "not one sample. A later in-place op (nn.ReLU(inplace=True)) changes the output after the layer "
               "ran: log it inside the hook.")},
    extras_text=HOOK_TEXT,
))

__all__ = ["ActivationL2", "ActivationRecorder", "Net", "SmallCNN", "Tower", "Tokens", "Shifted", "Tied",
           "clip_grad_hooks", "layer_costs", "log_activation_histograms"]
