"""04_module_pitfalls: nn.Module (EE-559 4b "Creating a module", Buggy / NotBuggyAnymore /
AnotherNotBuggy; Lecture 4 "nn", "Saving and Loading").

Modules are checked by what PyTorch sees of them (probes/modules.py): the class is built with the
case's arguments and taken through steps (forward, train/eval, .double(), .to("meta"), an SGD
step); its registered parameters and buffers, state_dict, what an optimizer sees, and its outputs
are compared with the reference class's, loaded with the answer's initial values. The checkpoint
exercise is a round trip in a scratch folder (probes/files.py): train, save, keep training, load
into a freshly built model and optimizer, compare, take one more step.

Every class a case carries is defined here, at module level: the grader pickles cases by reference.
"""
from __future__ import annotations

import functools
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..checks import encode as _encode_module
from ..checks.cases import pick, randn, size
from ..checks.encode import _module_state
from ..checks.probes import files, modules
from ..checks.probes.sealed import sealed
from ..checks.registry import register
from ..checks.spec import AnswerKindError, Case, Exercise, Mistake

A = "04_module_pitfalls"


def _cuda_available() -> bool:
    return torch.cuda.is_available()


def _seed_from(gen: torch.Generator) -> int:
    return int(torch.randint(2**31 - 1, (), generator=gen))


def _built(gen, build):
    """Build modules with a seeded generator of their own, leaving the global RNG as it was."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(_seed_from(gen))
        return build()


def _images(gen, n, dtype=torch.float32):
    return randn(gen, n, 1, 28, 28, dtype=dtype)


# What every module exercise says where PyTorch does not see something.
_UNSEEN = ("PyTorch sees a layer only when it is an attribute of the module (self.fc = nn.Linear(...)) or inside "
           "an nn.ModuleList / nn.ModuleDict (EE-559's NotBuggyAnymore and AnotherNotBuggy); a Python list or dict "
           "hides it from .parameters(), the state_dict and .to() (EE-559's Buggy). A tensor that is state, not "
           "a parameter, is registered with self.register_buffer(name, tensor).")
_COMMON = {
    "layers and tensors PyTorch does not see": _UNSEEN,
    "parameters an optimizer sees": "An optimizer is built from model.parameters(): it updates exactly the registered "
                                    "parameters, each once.",
    "state_dict (key: shape)": "The state_dict holds every registered parameter and (persistent) buffer, under its "
                               "attribute path: what torch.save(model.state_dict(), path) saves.",
    "dtypes": ".double() converts the registered parameters and buffers only: anything PyTorch does not see stays "
              "float32.",
    "devices": ".to(device) moves the registered parameters and buffers only: anything PyTorch does not see stays "
               "behind (here 'meta', which checks device placement without a GPU).",
    "parameters after": "After one SGD step on the sum of the outputs: every registered parameter must take part "
                        "in the output through autograd (no .detach(), .data or copies of the weights).",
}


def _module_exercise(id, signature, ref, cases, hints, *, free_names=False, load_buffers=True,
                     strict_containers=False):
    options = dict(listed=True, free_names=free_names, load_buffers=load_buffers)
    return Exercise(
        id=id, assignment=A, signature=signature, reference=modules.reference(ref, **options), cases=cases,
        adapter=functools.partial(_own_class, **options), reference_sees_output=True, named_outputs=True,
        pasteable=False, devices=("cpu",), hints=modules.Hints({**_COMMON, **hints}),
        strict_containers=strict_containers)


# The course's own classes: an answer that is one of them (or derives from one) is not the
# student's work. Filled in as the reference classes are defined below.
_COURSE_CLASSES: list[type] = []


def _own_class(answer, **options):
    """modules.adapter, for a class that is not one of this module's references."""
    if isinstance(answer, type):
        mro = type.__dict__["__mro__"].__get__(answer)
        if any(c is ours for c in mro for ours in _COURSE_CLASSES):  # identity: no student __eq__ runs
            raise AnswerKindError("expected your own class, got one of the course's reference classes")
    return modules.adapter(answer, **options)


# ---- Net ------------------------------------------------------------------------------------------

class ReferenceNet(nn.Module):
    """EE-559 4b's MNIST network (its layer table: 105,506 parameters)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5)
        self.fc1 = nn.Linear(256, 200)
        self.fc2 = nn.Linear(200, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), kernel_size=3))
        x = F.relu(F.max_pool2d(self.conv2(x), kernel_size=2))
        x = x.flatten(1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def _net_cases(gen, hidden):
    x3 = _images(gen, 3)
    x2 = _images(gen, 2)
    cases = [
        Case(((), {}, [("forward", x3), ("sgd", 0.05, _images(gen, 3))]), label="N=3, then an SGD step"),
        Case(((), {}, [("forward", _images(gen, 1))]), label="N=1 (one image)"),
        Case(((), {}, [("double",), ("forward", x2.double()), ("to", "meta"), ("forward", x2.double().to("meta"))]),
             label=".double(), then .to('meta')"),
    ]
    if hidden:
        n = size(gen, 2, 16)
        cases += [
            Case(((), {}, [("forward", _images(gen, n)), ("sgd", 0.01, _images(gen, n)), ("forward", _images(gen, 1))]),
                 label=f"random N={n}, an SGD step, then N=1"),
            Case(((), {}, [("forward", _images(gen, 64))]), label="N=64"),
            Case(((), {}, [("sgd", 0.1, _images(gen, 5, torch.float32)), ("double",), ("forward", _images(gen, 7, torch.float64))]),
                 label="an SGD step, then .double() and N=7"),
        ]
    if _cuda_available():
        cases.append(Case(((), {}, [("to", "cuda"), ("forward", x2.to("cuda"))]), label="on cuda"))
    return cases


register(_module_exercise(
    "Net", "Net()", ReferenceNet, _net_cases,
    hints={
        "parameters (name: shape)": "The contract names the layers conv1, conv2, fc1, fc2 (attributes of those names) "
                                    "with the table's sizes: nn.Conv2d(1, 32, 5), nn.Conv2d(32, 64, 5), "
                                    "nn.Linear(256, 200), nn.Linear(200, 10). Pooling, ReLU and flattening have no "
                                    "parameters (functional calls, or parameter-free modules).",
        "number of parameter elements": "The EE-559 network has 105,506 parameters (its layer table).",
        "output": "Follow the table: conv1 -> max-pool 3 -> relu -> conv2 -> max-pool 2 -> relu -> flatten to 256 "
                  "-> fc1 -> relu -> fc2, for a batch of N images (N = 1 too: flatten with x.flatten(1) or "
                  "x.view(x.size(0), -1), never squeeze()).",
    }))


# ---- count_parameters ---------------------------------------------------------------------------

def _count_reference(module, trainable_only=False):
    return sum(p.numel() for p in module.parameters() if p.requires_grad or not trainable_only)


class TiedLM(nn.Module):
    """An embedding and an output layer that share one weight (weight tying): one parameter held
    by two submodules."""

    def __init__(self, vocab, dim):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.hidden = nn.Linear(dim, dim)
        self.out = nn.Linear(dim, vocab, bias=False)
        self.out.weight = self.embed.weight

    def forward(self, tokens):
        return self.out(torch.tanh(self.hidden(self.embed(tokens))))


class Nested(nn.Module):
    """Modules inside modules: a Sequential in a ModuleList in a ModuleDict, and a Parameter of its own."""

    def __init__(self, d, frozen_block=False):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(d))
        self.blocks = nn.ModuleDict({
            "first": nn.ModuleList([nn.Sequential(nn.Linear(d, d), nn.ReLU()), nn.Linear(d, 2 * d)]),
            "second": nn.Sequential(nn.Sequential(nn.Linear(2 * d, d, bias=False)), nn.LayerNorm(d)),
        })
        if frozen_block:
            self.blocks["first"].requires_grad_(False)


def _with_batchnorm(d_in, hidden, d_out):
    return nn.Sequential(nn.Linear(d_in, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Linear(hidden, d_out))


def _frozen_net():
    net = ReferenceNet()
    net.conv1.requires_grad_(False)
    net.conv2.requires_grad_(False)
    return net


def _count_cases(gen, hidden):
    # The kinds that tell the usual mistakes apart come first (a failing check names the first case
    # it fails), then the EE-559 Net, which a hard-coded 105506 passes.
    cases = [
        Case((_built(gen, lambda: _with_batchnorm(4, 8, 3)),), label="Linear, BatchNorm1d (3 buffers), ReLU, Linear"),
        Case((_built(gen, lambda: TiedLM(11, 6)),), label="an embedding and an output layer sharing one weight"),
        Case((_built(gen, lambda: Nested(5, frozen_block=True)), True),
             label="nested containers, a block frozen; trainable_only=True by position"),
        Case((_built(gen, nn.ReLU),), label="no parameters at all"),
        Case((_built(gen, ReferenceNet),), label="the EE-559 Net (its table: 105,506)"),
        Case((_built(gen, _frozen_net),), {"trainable_only": True},
             label="the Net with conv1 and conv2 frozen, trainable_only=True"),
        Case((_built(gen, _frozen_net),), label="the same frozen Net, trainable_only left at False"),
    ]
    if hidden:
        def tied_frozen():
            m = TiedLM(size(gen, 2, 40), size(gen, 1, 16))
            m.hidden.requires_grad_(False)
            return m
        d_in, h, d_out = size(gen, 1, 30), size(gen, 1, 30), size(gen, 1, 10)
        cases += [
            Case((_built(gen, tied_frozen), True), label="a shared weight and a frozen layer, trainable_only=True"),
            Case((_built(gen, lambda: _with_batchnorm(d_in, h, d_out)),), {"trainable_only": True},
                 label=f"Linear({d_in}, {h}), BatchNorm1d, Linear({h}, {d_out}), trainable_only=True"),
            Case((_built(gen, lambda: Nested(size(gen, 1, 12))), False), label="nested, nothing frozen, False positionally"),
            Case((_built(gen, lambda: nn.Sequential(ReferenceNet(), nn.Linear(10, 4))),),
                 label="the Net inside a Sequential"),
            Case((_built(gen, lambda: nn.Conv2d(size(gen, 1, 8), size(gen, 1, 8), 3, bias=False)),),
                 label="a single conv layer without bias"),
        ]
    return cases


def _count_extras(output, case, args, recorder) -> dict:
    """What the values of the module (compared by the judge) do not show: its flags after the call."""
    module = args[0]
    return {"requires_grad after the call": {n: bool(p.requires_grad) for n, p in nn.Module.named_parameters(module)},
            "training flags after the call": {n or "(the module)": bool(m.training)
                                              for n, m in nn.Module.named_modules(module)}}


register(Exercise(
    id="count_parameters", assignment=A, signature="count_parameters(module, trainable_only=False)",
    reference=_count_reference,
    cases=_count_cases, devices=("cpu",), pasteable=False, extras=_count_extras,
    extras_text={"requires_grad after the call": ("requires_grad after the call",
                                                  "Count without changing the module: read p.requires_grad, never set it."),
                 "training flags after the call": ("train/eval mode after the call",
                                                   "Count without changing the module: no .train() or .eval().")},
    mistakes=[
        Mistake(lambda m, trainable_only=False: sum(p.numel() for p in m.parameters()),
                "trainable_only is ignored: with trainable_only=True count only the parameters with requires_grad"),
        Mistake(lambda m, trainable_only=False: sum(p.numel() for p in m.parameters()
                                                    if (not p.requires_grad) or not trainable_only),
                "trainable_only is inverted: it keeps the parameters that require grad (p.requires_grad)"),
        Mistake(lambda m, trainable_only=False: sum(p.numel() for _, p in m.named_parameters(remove_duplicate=False)
                                                    if p.requires_grad or not trainable_only),
                "a shared parameter is counted once per submodule that holds it: model.parameters() yields each "
                "parameter once"),
        Mistake(lambda m, trainable_only=False: sum(t.numel() for t in m.state_dict().values()),
                "the elements of the state_dict: that counts the buffers too (BatchNorm's running_mean, running_var, "
                "num_batches_tracked are state, not parameters), and a shared parameter once per key"),
        Mistake(lambda m, trainable_only=False: len([p for p in m.parameters() if p.requires_grad or not trainable_only]),
                "the number of parameter tensors, not of their elements: add up p.numel()"),
        Mistake(lambda m, trainable_only=False: _count_reference(m, trainable_only) + sum(b.numel() for b in m.buffers()),
                "the buffers are counted too (BatchNorm's running_mean, running_var, num_batches_tracked are state, "
                "not parameters): count module.parameters() only"),
        Mistake(lambda m, trainable_only=False: 105506,
                "the EE-559 Net's count, whatever the model: count the parameters of the module you are given"),
    ],
))


# ---- MultiHeadClassifier ------------------------------------------------------------------------

class ReferenceMultiHead(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.heads = nn.ModuleList(nn.Linear(in_features, size) for size in head_sizes)

    def forward(self, x):
        return [head(x) for head in self.heads]


def _heads_cases(gen, hidden):
    x = randn(gen, 4, 6)
    xs = randn(gen, 3, 5)
    cases = [
        Case(((6, [2, 5, 3]), {}, [("forward", x), ("sgd", 0.1, randn(gen, 4, 6))]),
             label="three heads [2, 5, 3], N=4, then an SGD step"),
        Case(((3, [4]), {}, [("forward", randn(gen, 1, 3))]), label="one head, N=1"),
        Case(((4, [3, 3]), {}, [("forward", randn(gen, 2, 4))]), label="two heads of the same size [3, 3]"),
        Case(((5, (3, 1)), {}, [("double",), ("forward", xs.double()), ("to", "meta"), ("forward", xs.double().to("meta"))]),
             label="head_sizes a tuple (3, 1); .double(), then .to('meta')"),
    ]
    if hidden:
        d = size(gen, 1, 20)
        sizes = [size(gen, 1, 9) for _ in range(size(gen, 4, 7))]
        cases += [
            Case(((d, sizes), {}, [("forward", randn(gen, size(gen, 2, 12), d)), ("sgd", 0.05, randn(gen, 3, d)),
                                   ("double",), ("forward", randn(gen, 2, d, dtype=torch.float64))]),
                 label=f"{len(sizes)} heads {sizes}, an SGD step, .double()"),
            Case(((d, [7, 7, 2]), {}, [("sgd", 0.1, randn(gen, 5, d)), ("to", "meta"), ("forward", randn(gen, 5, d).to("meta"))]),
                 label="heads [7, 7, 2], an SGD step, .to('meta')"),
            Case(((d, [size(gen, 1, 30)]), {}, [("forward", randn(gen, 64, d))]), label="one head, N=64"),
        ]
    if _cuda_available():
        cases.append(Case(((6, [2, 5, 3]), {}, [("to", "cuda"), ("forward", x.to("cuda"))]), label="on cuda"))
    return cases


_COURSE_CLASSES += [ReferenceNet, ReferenceMultiHead]

register(_module_exercise(
    "MultiHeadClassifier", "MultiHeadClassifier(in_features, head_sizes)", ReferenceMultiHead, _heads_cases,
    free_names=True, strict_containers=True,  # the contract's output is a list
    hints={
        "parameters (name: shape)": "One nn.Linear(in_features, size) per entry of head_sizes, each registered "
                                    "(in an nn.ModuleList), in the order of head_sizes. Your names do not matter; "
                                    "missing entries are named as the reference names them.",
        "output": "forward returns a list with one (N, size) tensor per head, in the order of head_sizes.",
    }))


# ---- ParallelBlock ------------------------------------------------------------------------------

class ReferenceParallelBlock(nn.Module):
    """Lecture 4's ParallelBlock."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.linear1 = nn.Linear(d_in, d_out)
        self.linear2 = nn.Linear(d_in, d_out)

    def forward(self, x):
        return (self.linear1(x) * self.linear2(x)).clamp(min=0)


def _parallel_cases(gen, hidden):
    x = randn(gen, 3, 4)
    cases = [
        Case(((5, 3), {}, [("forward", randn(gen, 4, 5)), ("sgd", 0.1, randn(gen, 4, 5))]),
             label="d_in=5, d_out=3, N=4, then an SGD step"),
        Case(((2, 2), {}, [("forward", randn(gen, 1, 2))]), label="d_in = d_out = 2, N=1"),
        Case(((3, 6), {}, [("forward", randn(gen, 2, 3, 3))]), label="x of shape (2, 3, d_in): extra leading dimensions"),
        Case(((4, 2), {}, [("double",), ("forward", x.double()), ("to", "meta"), ("forward", x.double().to("meta"))]),
             label=".double(), then .to('meta')"),
    ]
    if hidden:
        d_in, d_out = size(gen, 1, 40), size(gen, 1, 40)
        cases += [
            Case(((1000, 100), {}, [("forward", randn(gen, 64, 1000)), ("sgd", 1e-4, randn(gen, 64, 1000))]),
                 label="the lecture's ParallelBlock(D_in=1000, H=100), N=64"),
            Case(((d_in, d_out), {}, [("sgd", 0.05, randn(gen, 6, d_in)), ("double",),
                                      ("forward", randn(gen, 2, 5, d_in, dtype=torch.float64))]),
                 label=f"d_in={d_in}, d_out={d_out}, an SGD step, .double(), x (2, 5, d_in)"),
        ]
    if _cuda_available():
        cases.append(Case(((4, 2), {}, [("to", "cuda"), ("forward", x.to("cuda"))]), label="on cuda"))
    return cases


_COURSE_CLASSES.append(ReferenceParallelBlock)

register(_module_exercise(
    "ParallelBlock", "ParallelBlock(d_in, d_out)", ReferenceParallelBlock, _parallel_cases,
    hints={
        "parameters (name: shape)": "Two layers, self.linear1 and self.linear2, both nn.Linear(d_in, d_out).",
        "parameters an optimizer sees": "linear1 and linear2 are two layers with parameters of their own: the same "
                                        "layer assigned twice is one set of parameters (the optimizer sees it once).",
        "output": "Lecture 4: (self.linear1(x) * self.linear2(x)).clamp(min=0), the ReLU after the product "
                  "(relu(h1) * relu(h2) differs where both are negative).",
    }))


# ---- RunningMean --------------------------------------------------------------------------------

class ReferenceRunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        self.register_buffer("running_mean", torch.zeros(num_features))

    def forward(self, x):
        if self.training:
            mean = x.mean(0)
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            return x - mean
        return x - self.running_mean


def _running_cases(gen, hidden):
    def grad(t):
        return t.requires_grad_()

    cases = [
        Case(((3,), {}, [("train",), ("forward", grad(randn(gen, 5, 3))), ("forward", randn(gen, 4, 3)), ("eval",),
                         ("forward", randn(gen, 2, 3))]),
             label="default momentum, train twice, then eval"),
        Case(((4,), {}, [("grad", randn(gen, 5, 4), randn(gen, 5, 4)), ("eval",),
                         ("grad", randn(gen, 3, 4), randn(gen, 3, 4))]),
             label="input gradients, train then eval"),
        Case(((4,), {"momentum": 0.5}, [("forward", randn(gen, 1, 4)), ("forward", randn(gen, 6, 4))]),
             label="momentum=0.5, N=1 then N=6"),
        Case(((2, 0.9), {}, [("forward", randn(gen, 3, 2)), ("double",), ("forward", randn(gen, 3, 2, dtype=torch.float64)),
                             ("to", "meta"), ("eval",), ("forward", randn(gen, 3, 2, dtype=torch.float64).to("meta"))]),
             label="momentum 0.9 by position, .double(), meta"),
        Case(((3,), {}, [("eval",), ("forward", randn(gen, 4, 3)), ("train",), ("forward", randn(gen, 4, 3))]),
             label="eval first (zeros), then train"),
    ]
    if hidden:
        f = size(gen, 1, 16)
        momentum = pick(gen, (0.01, 0.2, 0.3, 0.75, 1.0))
        steps = [("train",)]
        for _ in range(size(gen, 3, 6)):
            steps.append(("forward", grad(randn(gen, size(gen, 1, 20), f))))
        steps += [("eval",), ("forward", randn(gen, 5, f)), ("forward", randn(gen, 2, f)), ("train",),
                  ("forward", randn(gen, 3, f))]
        cases += [
            Case(((f, momentum), {}, steps), label=f"F={f}, momentum={momentum}, train, eval, train"),
            Case(((f,), {"momentum": 0.3}, [("double",), ("forward", randn(gen, 8, f, dtype=torch.float64)),
                                            ("eval",), ("forward", randn(gen, 8, f, dtype=torch.float64))]),
                 label=".double(), momentum=0.3"),
        ]
    if _cuda_available():
        cases.append(Case(((3,), {}, [("to", "cuda"), ("forward", randn(gen, 4, 3).to("cuda")), ("eval",),
                                      ("forward", randn(gen, 2, 3).to("cuda"))]), label="on cuda"))
    return cases


_COURSE_CLASSES.append(ReferenceRunningMean)

register(_module_exercise(
    "RunningMean", "RunningMean(num_features, momentum=0.1)", ReferenceRunningMean, _running_cases,
    load_buffers=False,  # running_mean starts at zeros by contract: the reference keeps its own
    hints={
        "parameters (name: shape)": "running_mean is state, not something an optimizer should change: "
                                    "self.register_buffer('running_mean', torch.zeros(num_features)), not an nn.Parameter.",
        "buffers (name: shape)": "One buffer, running_mean, of shape (num_features,): "
                                 "self.register_buffer('running_mean', torch.zeros(num_features)).",
        "state_dict (key: shape)": "A buffer registered with persistent=False is left out of the state_dict: keep "
                                   "the default (persistent=True), so that a checkpoint saves running_mean.",
        "initial values": "running_mean starts at zeros, float32: torch.zeros(num_features).",
        "output": "In train mode x - x.mean(0) (the batch's mean over dim 0); in eval mode x - running_mean.",
        "input gradient": "In train mode the output x - x.mean(0) depends on x twice, through "
                                              "x and through the batch mean: keep the mean in the graph (no "
                                              ".detach(), .data or no_grad around it); only the running_mean "
                                              "update is done under torch.no_grad().",
        "buffers after": "In train mode running_mean <- (1 - momentum) * running_mean + momentum * batch_mean, "
                         "in place and under torch.no_grad() (the update is not part of the graph); in eval "
                         "mode running_mean does not change.",
    }))


# ---- save_checkpoint / load_checkpoint ----------------------------------------------------------

class CheckpointMLP(nn.Module):
    """Linear (no bias: BatchNorm follows), BatchNorm1d, ReLU, Linear."""

    def __init__(self, d_in, hidden, d_out):
        super().__init__()
        self.fc1 = nn.Linear(d_in, hidden, bias=False)
        self.bn = nn.BatchNorm1d(hidden)
        self.fc2 = nn.Linear(hidden, d_out)

    def forward(self, x):
        return self.fc2(F.relu(self.bn(self.fc1(x))))


class CheckpointCNN(nn.Module):
    """Conv2d (no bias), BatchNorm2d, ReLU, global average pooling, Linear."""

    def __init__(self, channels, d_out):
        super().__init__()
        self.conv = nn.Conv2d(1, channels, 3, bias=False)
        self.bn = nn.BatchNorm2d(channels)
        self.fc = nn.Linear(channels, d_out)

    def forward(self, x):
        return self.fc(F.relu(self.bn(self.conv(x))).mean((2, 3)))


_OPTIMIZER_STATE = torch.optim.Optimizer.state_dict  # read through the base class: an instance's own
_ZERO_GRAD = torch.optim.Optimizer.zero_grad         # attribute (optimizer.state_dict = ...) is not asked
_BYTES = "(the bytes of the file at path)"  # the answer's side only: the judge reads them again
_FILE = "the file at path"
_READ_BY_JUDGE = "a file that torch.load(path, weights_only=True) reads"


def _fresh(model_cls, model_args, opt_cls, opt_kwargs, seed, device):
    """A model with values drawn from its own generator and fresh buffers, and its optimizer. The
    global random generator is not used: the judge may build references in several threads at once."""
    with torch.device("meta"):  # no initialisation runs, no global random number is drawn
        model = model_cls(*model_args)
    model = nn.Module.to_empty(model, device=device)
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=gen))
        for m in model.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.reset_running_stats()
    return model, opt_cls(model.parameters(), **opt_kwargs)


def _step(model_cls, model, opt_cls, optimizer, x, y):
    """One training step, through the classes' own methods (not the instances' attributes)."""
    _ZERO_GRAD(optimizer)
    F.mse_loss(model_cls.forward(model, x), y).backward()
    opt_cls.step(optimizer)


def _state(model) -> dict:
    parameters, buffers, _ = _module_state(model)
    return {n: t.detach().clone() for n, t in {**parameters, **buffers}.items()}


def _entry(observed, key):
    if not isinstance(observed, dict) or observed.get("kind") != "dict":
        return None
    found = dict(zip(observed["keys"], observed["items"])).get(key)
    return found["data"] if isinstance(found, dict) and found.get("kind") == "tensor" else None


def _roundtrip(parts, model_cls, model_args, opt_cls, opt_kwargs, batches, test_x, filename, device="cpu",
               observed=None):
    """Train a model, save_checkpoint, train on, load_checkpoint into a fresh model and optimizer
    (other initial values), and look at what was restored, with one more step to see it work."""
    save, load = parts
    batches = [(x.to(device), y.to(device)) for x, y in batches]
    test_x = test_x.to(device)
    with files.scratch_folder() as folder:
        path = os.path.join(folder, filename)
        model, optimizer = _fresh(model_cls, model_args, opt_cls, opt_kwargs, 0, device)
        model.train()
        for x, y in batches:
            _step(model_cls, model, opt_cls, optimizer, x, y)
        save(model, optimizer, path)
        report = {"files in the folder after saving": files.written(folder), _FILE: files.read_safely(path)}
        data = files.raw(path)
        _step(model_cls, model, opt_cls, optimizer, *batches[0])  # training goes on: the file must not follow
        fresh, fresh_optimizer = _fresh(model_cls, model_args, opt_cls, opt_kwargs, 1, device)
        load(fresh, fresh_optimizer, path)
        report["model after loading"] = _state(fresh)
        report["optimizer after loading (its state_dict)"] = _OPTIMIZER_STATE(fresh_optimizer)
        nn.Module.eval(fresh)
        with torch.no_grad():
            report["eval-mode output after loading"] = model_cls.forward(fresh, test_x)
        nn.Module.train(fresh)
        _step(model_cls, fresh, opt_cls, fresh_optimizer, *batches[-1])
        report["model after one more step"] = _state(fresh)
    if observed is None:  # the answer's side: its file, for the judge to read again
        report[_BYTES] = data
    else:  # the reference's side: whether the answer's file is safe to load is decided here, from its bytes
        ok = files.read_bytes_safely(_entry(observed, _BYTES)) == files.READS
        report[_FILE] = files.READS if ok else _READ_BY_JUDGE
    return report


_ROUNDTRIP = sealed(_roundtrip, files, _encode_module)


def _checkpoint_adapter(answer):
    if type(answer) is not tuple or len(answer) != 2 or not all(callable(a) for a in answer):
        raise AnswerKindError("expected the two functions save_checkpoint and load_checkpoint, as the test cell "
                              "passes them: check('save_checkpoint', save_checkpoint, load_checkpoint)")
    return functools.partial(_ROUNDTRIP, answer)


def _reference_save(model, optimizer, path):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


def _reference_load(model, optimizer, path):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])


def _data(gen, n, d_in, d_out, steps, image=False):
    """`steps` training batches and a test batch. BatchNorm makes the loss invariant to the scale of
    each row of the layer before it, so with d_in = 1, or a batch of 2, that layer's gradient is
    rounding noise, which Adam turns into steps of +-lr that differ between processes with other
    thread counts (the answer's run and the judge's). The cases keep d_in >= 2 and N >= 4 (images:
    N * H * W values per channel): 150 hidden seeds then agree within 1.2e-6 between 1 and 4 threads."""
    shape = (n, 1, 6, 6) if image else (n, d_in)
    return [(randn(gen, *shape), randn(gen, n, d_out)) for _ in range(steps)], randn(gen, 5, *shape[1:])


def _checkpoint_cases(gen, hidden):
    adam = torch.optim.Adam
    batches, test_x = _data(gen, 8, 4, 3, 3)
    cases = [Case((CheckpointMLP, (4, 6, 3), adam, {"lr": 0.01}, batches, test_x, "checkpoint.pt"),
                  label="MLP with BatchNorm1d; Adam(lr=0.01), 3 steps; 'checkpoint.pt'")]
    batches, test_x = _data(gen, 4, 1, 2, 2, image=True)
    cases.append(Case((CheckpointCNN, (3, 2), adam, {"lr": 0.05, "betas": (0.8, 0.99), "weight_decay": 1e-3,
                                                     "amsgrad": True}, batches, test_x, "epoch_2"),
                      label="CNN with BatchNorm2d; Adam(amsgrad=True, ...), 2 steps; 'epoch_2'"))
    if hidden:  # the kinds of the visible cases (a name with and without extension, both Adams), other sizes
        d_in, h, d_out, steps = size(gen, 2, 12), size(gen, 2, 16), size(gen, 1, 6), size(gen, 1, 5)  # see _data
        lr = pick(gen, (1e-3, 0.01, 0.1))
        batches, test_x = _data(gen, size(gen, 6, 24), d_in, d_out, steps)
        cases.append(Case((CheckpointMLP, (d_in, h, d_out), adam, {"lr": lr}, batches, test_x, "model_and_optimizer"),
                          label=f"MLP ({d_in}, {h}, {d_out}); Adam(lr={lr}), {steps} steps"))
        c, d_out, steps = size(gen, 1, 6), size(gen, 1, 4), size(gen, 1, 4)
        batches, test_x = _data(gen, size(gen, 4, 8), 1, d_out, steps, image=True)
        cases.append(Case((CheckpointCNN, (c, d_out), adam, {"lr": 0.02, "amsgrad": True}, batches, test_x, "ckpt.tar"),
                          label=f"CNN ({c} channels); Adam(amsgrad=True), {steps} steps; 'ckpt.tar'"))
    if _cuda_available():
        batches, test_x = _data(gen, 8, 4, 3, 2)
        cases.append(Case((CheckpointMLP, (4, 6, 3), adam, {"lr": 0.01}, batches, test_x, "checkpoint.pt", "cuda"),
                          label="the MLP on cuda", device="cuda"))
    return cases


register(Exercise(
    id="save_checkpoint", assignment=A,
    signature="save_checkpoint(model, optimizer, path) / load_checkpoint(model, optimizer, path)",
    reference=functools.partial(_ROUNDTRIP, (_reference_save, _reference_load)),
    cases=_checkpoint_cases, adapter=_checkpoint_adapter, reference_sees_output=True, named_outputs=True,
    pasteable=False, devices=("cpu",),
    hints={
        "files in the folder after saving": "save_checkpoint writes one file, at path itself: "
                                                     "torch.save(checkpoint, path).",
        _FILE: "Save the state_dicts, not the objects: torch.save({'model': model.state_dict(), 'optimizer': "
               "optimizer.state_dict()}, path). A pickled model or optimizer needs its class to load and runs code "
               "when it is loaded: torch.load(path, weights_only=True) refuses it.",
        "model after loading":
            "load_checkpoint loads into the model it is given: model.load_state_dict(checkpoint['model']), strict "
            "(the default: a key that does not match is an error, not silently skipped). model.state_dict() holds "
            "the buffers too (BatchNorm's running_mean, running_var, num_batches_tracked): save all of it, at the "
            "moment save_checkpoint is called.",
        "optimizer after loading (its state_dict)":
            "Adam keeps a state per parameter (step, exp_avg, exp_avg_sq): save optimizer.state_dict() and load it "
            "into the optimizer given to load_checkpoint (optimizer.load_state_dict(...)).",
        "eval-mode output after loading": "In eval mode BatchNorm uses its running statistics: they must "
                                                     "come back with the parameters.",
        "model after one more step": "One Adam step after loading must continue the saved "
                                                      "training exactly: the optimizer's state must be restored.",
    },
))
