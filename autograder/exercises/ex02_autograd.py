"""02_autograd: gradients by hand and by autograd (PyTorch.Next; Lecture 4 "PyTorch: Autograd").

The references are written with autograd in float64 where the exercise asks for gradients by hand
(the student's chain rule is compared with what the engine computes), and as the plain training
step or loop of the lecture elsewhere.
"""
from __future__ import annotations

import torch

from ..checks.cases import DTYPES, pick, randn, size, strided, transposed
from ..checks.registry import register
from ..checks.spec import Case, Exercise, Mistake

A = "02_autograd"

# `no_autograd` catches the autograd engine (.backward(), torch.autograd.grad and what calls them:
# torch.autograd.functional, torch.func.grad/vjp/jacrev) and forward-mode AD (torch.func.jvp/jacfwd,
# torch.autograd.forward_ad).


def _cuda_available() -> bool:
    return torch.cuda.is_available()


def _seed_from(gen: torch.Generator) -> int:
    return int(torch.randint(2**31 - 1, (), generator=gen))


# ---- toy_graph_grads --------------------------------------------------------------------------

def _toy_forward(a, w1, w2, w3, w4):
    b = w1 * a
    c = w2 * a
    d = w3 * b + w4 * c
    return (10 - d).sum()


def _toy_reference(a, w1, w2, w3, w4):
    """The five gradients as autograd computes them, in float64, returned in the inputs' dtype."""
    leaves = [t.detach().to(torch.float64).requires_grad_() for t in (a, w1, w2, w3, w4)]
    with torch.enable_grad():
        grads = torch.autograd.grad(_toy_forward(*leaves), leaves)
    return tuple(g.to(a.dtype) for g in grads)


def _toy_cases(gen, hidden):
    def five(shape, dtype):
        return tuple(randn(gen, *shape, dtype=dtype) for _ in range(5))

    cases = [
        Case(five((3, 3), torch.float32), label="the slides' 3x3 tensors, float32"),
        Case(five((5,), torch.float64), label="vectors of 5, float64"),
        Case(five((), torch.float32), label="0-dim tensors"),
    ]
    a, w1, w2, w3, w4 = five((2, 4), torch.float64)
    cases.append(Case((transposed(a), w1, strided(w2), w3, transposed(w4)),
                      label="(2, 4), some inputs non-contiguous"))
    if hidden:
        cases.append(Case(five((1,), torch.float32), label="shape (1,)"))
        for _ in range(4):
            shape = tuple(size(gen, 1, 6) for _ in range(size(gen, 1, 3)))
            dtype = pick(gen, DTYPES)
            cases.append(Case(five(shape, dtype), label=f"random shape {shape}, {str(dtype)[6:]}"))
    return cases


def _toy_one_sign(a, w1, w2, w3, w4):
    return (w3 * w1 + w4 * w2, w3 * a, w4 * a, w1 * a, w2 * a)


def _toy_one_path(a, w1, w2, w3, w4):
    return (-(w3 * w1), -w3 * a, -w4 * a, -w1 * a, -w2 * a)


def _toy_other_path(a, w1, w2, w3, w4):
    return (-(w4 * w2), -w3 * a, -w4 * a, -w1 * a, -w2 * a)


register(Exercise(
    id="toy_graph_grads", assignment=A, signature="toy_graph_grads(a, w1, w2, w3, w4)",
    reference=_toy_reference, reference_text="torch.autograd.grad of L = (10 - d).sum() in float64",
    cases=_toy_cases, no_autograd=True,
    outputs=("dL/da", "dL/dw1", "dL/dw2", "dL/dw3", "dL/dw4"),
    mistakes=[
        Mistake(_toy_one_sign, "every gradient has the wrong sign: L = 10 - d, so dL/dd = -1 and that minus "
                               "sign reaches every gradient"),
        Mistake(_toy_one_path, "dL/da follows only the path a -> b -> d; a also reaches d through c, and the "
                               "chain rule adds the two paths: dL/da = -(w3*w1 + w4*w2)"),
        Mistake(_toy_other_path, "dL/da follows only the path a -> c -> d; a also reaches d through b, and the "
                                 "chain rule adds the two paths: dL/da = -(w3*w1 + w4*w2)"),
    ],
))


# ---- two_layer_manual -------------------------------------------------------------------------

def _two_layer_reference(x, y, w1, w2):
    """Lecture 4's loss and autograd's gradients, in float64, returned in x's dtype."""
    x64, y64 = x.detach().to(torch.float64), y.detach().to(torch.float64)
    w1_64 = w1.detach().to(torch.float64).requires_grad_()
    w2_64 = w2.detach().to(torch.float64).requires_grad_()
    with torch.enable_grad():
        loss = ((torch.relu(x64 @ w1_64) @ w2_64 - y64) ** 2).sum()
        g1, g2 = torch.autograd.grad(loss, [w1_64, w2_64])
    return loss.detach().to(x.dtype), g1.to(x.dtype), g2.to(x.dtype)


def _by_hand(x, y, w1, w2, *, factor=2.0, mask=True, reduce="sum", sign=1.0):
    h = x @ w1
    h_relu = h.clamp(min=0)
    diff = h_relu @ w2 - y
    scale = 1.0 if reduce == "sum" else 1.0 / diff.numel()
    loss = (diff ** 2).sum() * scale
    grad_y_pred = sign * factor * scale * diff
    grad_w2 = h_relu.t() @ grad_y_pred
    grad_h = grad_y_pred @ w2.t()
    if mask:
        grad_h = grad_h * (h > 0)
    return loss, x.t() @ grad_h, grad_w2


def _two_layer_cases(gen, hidden):
    def net(n, d_in, h, d_out, dtype=torch.float32):
        return (randn(gen, n, d_in, dtype=dtype), randn(gen, n, d_out, dtype=dtype),
                randn(gen, d_in, h, dtype=dtype), randn(gen, h, d_out, dtype=dtype))

    cases = [
        Case(net(4, 5, 3, 2), label="N=4, D_in=5, H=3, D_out=2, float32"),
        Case(net(6, 3, 7, 4, torch.float64), label="N=6, D_in=3, H=7, D_out=4, float64"),
        Case(net(1, 4, 5, 1), label="N=1, D_out=1"),
    ]
    x, y, w1, w2 = net(5, 4, 3, 2, torch.float64)
    cases.append(Case((x.abs(), y, -w1.abs(), w2), label="every hidden unit off (x > 0, w1 < 0)"))
    x, y, w1, w2 = net(3, 6, 4, 5)
    cases.append(Case((transposed(x), y, w1, strided(w2)), label="x transposed, w2 strided (non-contiguous)"))
    if hidden:
        cases.append(Case(net(64, 1000, 100, 10, torch.float64), label="the lecture's N, D_in, H, D_out = 64, 1000, 100, 10"))
        for _ in range(4):
            dims = tuple(size(gen, 1, 9) for _ in range(4))
            dtype = pick(gen, DTYPES)
            cases.append(Case(net(*dims, dtype), label="random N={}, D_in={}, H={}, D_out={}, ".format(*dims) + str(dtype)[6:]))
    return cases


register(Exercise(
    id="two_layer_manual", assignment=A, signature="two_layer_manual(x, y, w1, w2)",
    reference=_two_layer_reference,
    reference_text="loss = ((relu(x @ w1) @ w2 - y) ** 2).sum() and torch.autograd.grad, in float64",
    cases=_two_layer_cases, no_autograd=True,
    outputs=("loss", "grad_w1", "grad_w2"),
    # float32 answers are compared with the float64 reference rounded to float32: a right float32
    # computation differs from it by the rounding of its matmuls and sums, beyond the default atol
    # for entries near 0 (measured on 6000 random float32 cases with all sizes <= 9: within
    # atol=1e-4 and rtol=2e-7). Wrong answers differ by O(1). The lecture-sized case is float64.
    tolerances={torch.float32: (1e-5, 1e-4)},
    mistakes=[
        Mistake(lambda x, y, w1, w2: _by_hand(x, y, w1, w2, factor=1.0),
                "the gradients are half the right ones: the derivative of (y_pred - y)^2 is 2 * (y_pred - y)"),
        Mistake(lambda x, y, w1, w2: _by_hand(x, y, w1, w2, mask=False),
                "grad_w1 without the ReLU mask: the gradient flows back only where h = x @ w1 is positive "
                "(grad_h[h < 0] = 0)"),
        Mistake(lambda x, y, w1, w2: _by_hand(x, y, w1, w2, reduce="mean"),
                "the loss and gradients of the mean; the loss here is the sum of the squared errors"),
        Mistake(lambda x, y, w1, w2: _by_hand(x, y, w1, w2, sign=-1.0),
                "the gradients have the wrong sign: grad_y_pred = 2 * (y_pred - y), not 2 * (y - y_pred)"),
    ],
))


# ---- sgd_step_ --------------------------------------------------------------------------------

def _sgd_reference(params, lr):
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            p -= lr * p.grad
            p.grad = None


def _leaf(t: torch.Tensor, grad: torch.Tensor | None, requires_grad: bool = True) -> torch.Tensor:
    t = t.detach().clone() if t.is_contiguous() else t.detach()
    t.requires_grad_(requires_grad)
    if grad is not None:
        t.grad = grad
    return t


def _sgd_params(gen, shapes, dtype, device="cpu"):
    out = []
    for shape in shapes:
        out.append(_leaf(randn(gen, *shape, dtype=dtype).to(device), randn(gen, *shape, dtype=dtype).to(device)))
    return out


def _sgd_cases(gen, hidden):
    cases = [
        Case((_sgd_params(gen, [(3, 2), (2,)], torch.float32), 0.1), label="a weight and a bias, in a list"),
        Case((tuple(_sgd_params(gen, [(4, 3), (3,), ()], torch.float64)), 0.5),
             label="a tuple of three parameters, float64, one 0-dim"),
    ]
    used = _sgd_params(gen, [(2, 3)], torch.float32)
    unused = _leaf(randn(gen, 3), None)
    cases.append(Case(([used[0], unused], 0.01), label="a parameter with .grad None (unused): left alone"))
    w = transposed(randn(gen, 3, 4))
    cases.append(Case(([_leaf(w, randn(gen, 3, 4))], 1.0), label="a non-contiguous (transposed) parameter, lr=1"))
    if hidden:
        frozen = _leaf(randn(gen, 5, dtype=torch.float64), None, requires_grad=False)
        cases.append(Case((tuple(_sgd_params(gen, [(5, 5)], torch.float64)) + (frozen,), 0.3),
                          label="a frozen parameter (requires_grad=False, no .grad)"))
        for _ in range(3):
            shapes = [tuple(size(gen, 1, 7) for _ in range(size(gen, 0, 3))) for _ in range(size(gen, 1, 5))]
            dtype = pick(gen, DTYPES)
            lr = pick(gen, (1e-3, 0.05, 0.2, 2.0))
            container = pick(gen, (list, tuple))
            cases.append(Case((container(_sgd_params(gen, shapes, dtype)), lr),
                              label=f"random {container.__name__} of {len(shapes)}, {str(dtype)[6:]}, lr={lr}"))
    if _cuda_available():  # built on the GPU here: moving a leaf with a .grad would make a non-leaf without one
        cases.append(Case((_sgd_params(gen, [(3, 2), (2,)], torch.float32, "cuda"), 0.1),
                          label="a weight and a bias on cuda", device="cuda"))
    return cases


register(Exercise(
    id="sgd_step_", assignment=A, signature="sgd_step_(params, lr)",
    reference=_sgd_reference,
    reference_text="with torch.no_grad(): p -= lr * p.grad; p.grad = None (for each p with a .grad)",
    cases=_sgd_cases, mutates=(0,), devices=("cpu",),
))


# ---- freeze_except ----------------------------------------------------------------------------

def _freeze_reference(model, trainable_prefixes):
    prefixes = tuple(trainable_prefixes)
    for name, p in model.named_parameters():
        if not name.startswith(prefixes):
            p.requires_grad_(False)
    return sorted(name for name, p in model.named_parameters() if p.requires_grad)


def _resnet18(num_classes: int, device: str = "cpu"):
    """torchvision's resnet18(weights=None) with its fc replaced, as in PyTorch.Next."""
    import torchvision

    with torch.device(device):
        model = torchvision.models.resnet18(weights=None)
        model.fc = torch.nn.Linear(512, num_classes)
    return model


class _Small(torch.nn.Module):
    """Names that catch substring matches: 'head' inside 'backbone.head_proj', 'conv1' in 'block.conv1'."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 4, 3)
        self.block = torch.nn.Sequential()
        self.block.add_module("conv1", torch.nn.Conv2d(4, 4, 3))
        self.block.add_module("bn", torch.nn.BatchNorm2d(4))
        self.backbone = torch.nn.Module()
        self.backbone.head_proj = torch.nn.Linear(4, 4)
        self.head = torch.nn.Linear(4, 3)


def _models(gen, build):
    """Build modules with a seeded generator of their own, leaving the global RNG as it was."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(_seed_from(gen))
        return build()


def _freeze_cases(gen, hidden):
    def small_prefrozen():
        m = _Small()
        m.head.bias.requires_grad_(False)
        return m

    mlp = lambda: torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2))  # noqa: E731
    # The resnet18s are built on the meta device: parameters without data, as cheap as a tiny
    # model. Freezing reads names and sets flags, never values, and the meta cases compare exactly
    # that (the returned names, then every parameter's requires_grad); that values are left alone
    # is checked on the small CPU models. (A CPU resnet18 costs 1-3 s per check in the judge's
    # comparison of its 11.7M unchanged values.)
    cases = [
        Case((_resnet18(100, "meta"), ("fc",)),
             label="resnet18, fc = Linear(512, 100), on meta; ('fc',)",
             device="meta", values=False),
        Case((_resnet18(10, "meta"), ("conv1", "layer4.1.")),
             label="resnet18 on meta; ('conv1', 'layer4.1.')",
             device="meta", values=False),
        Case((_models(gen, _Small), ["head", "block.bn"]),
             label="a small model; prefixes as a list"),
        Case((_models(gen, small_prefrozen), ("head",)),
             label="head.bias frozen before the call"),
        Case((_models(gen, mlp), ()), label="no prefixes: all frozen"),
    ]
    if hidden:
        cases += [
            Case((_resnet18(7, "meta"), ("layer3", "layer4", "fc")),
                 label="resnet18 on meta; ('layer3', 'layer4', 'fc')", device="meta", values=False),
            Case((_resnet18(1000, "meta"), ("bn1", "layer2.0.downsample.")),
                 label="resnet18 on meta; ('bn1', 'layer2.0.downsample.')", device="meta", values=False),
            Case((_models(gen, mlp), ["2."]), label="nn.Sequential; ['2.']"),
            Case((_models(gen, _Small), ("nothing.matches",)), label="a prefix that matches nothing"),
            Case((_models(gen, _Small), ("",)), label="the empty prefix: nothing frozen"),
        ]
    if _cuda_available():
        cases.append(Case((_models(gen, lambda: _Small().to("cuda")), ("block",)),
                          label="a small model on cuda", device="cuda"))
    return cases


def _unsorted(model, trainable_prefixes):
    prefixes = tuple(trainable_prefixes)
    return [n for n, p in model.named_parameters() if n.startswith(prefixes) and p.requires_grad]


register(Exercise(
    id="freeze_except", assignment=A, signature="freeze_except(model, trainable_prefixes)",
    reference=_freeze_reference,
    reference_text="p.requires_grad_(False) unless name.startswith(prefixes); sorted trainable names",
    cases=_freeze_cases, mutates=(0,), devices=("cpu",),
    mistakes=[Mistake(_unsorted, "the right names, in the model's order rather than sorted: return sorted(names)")],
))


# ---- fit_linear_regression ----------------------------------------------------------------------

def _fit(x, y, lr, steps, *, zero_grad=True, reduce="mean", extra_steps=0):
    w = torch.zeros(x.shape[1], dtype=x.dtype, device=x.device, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    with torch.enable_grad():  # Mistake functions run under no_grad
        for _ in range(steps + extra_steps):
            err = (x @ w + b - y) ** 2
            loss = err.mean() if reduce == "mean" else err.sum()
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            if zero_grad:
                w.grad = None
                b.grad = None
    return w.detach(), b.detach()


def _fit_reference(x, y, lr, steps):
    return _fit(x, y, lr, steps)


def _regression(gen, n, d, steps, dtype=torch.float32, factor=None):
    """Data y = x @ w_true + b_true + noise, and a learning rate below 1/lambda_max of the loss's
    Hessian, so that the reference trajectory is stable (and so is an accumulating one)."""
    x = randn(gen, n, d, dtype=torch.float64)
    y = x @ randn(gen, d, dtype=torch.float64) + float(randn(gen, 1)[0]) + 0.1 * randn(gen, n, dtype=torch.float64)
    xt = torch.cat([x, torch.ones(n, 1, dtype=torch.float64)], 1)
    lam = float(torch.linalg.eigvalsh(2 / n * xt.t() @ xt).max())
    if factor is None:
        factor = 0.3 + 0.6 * float(torch.rand((), generator=gen))
    lr = float(f"{factor / lam:.3g}")
    return x.to(dtype), y.to(dtype), lr, steps


def _fit_cases(gen, hidden):
    x, y, lr, _ = _regression(gen, 5, 4, 10)
    cases = [
        Case(_regression(gen, 8, 3, 20), label="N=8, D=3, 20 steps, float32"),
        Case(_regression(gen, 6, 1, 15, torch.float64), label="N=6, D=1, 15 steps, float64"),
        Case(_regression(gen, 1, 2, 5, torch.float64), label="N=1, D=2, 5 steps"),
        Case(_regression(gen, 4, 2, 0), label="steps=0: w and b stay at zero"),
        Case((transposed(x), y, lr, 10), label="x transposed (non-contiguous), 10 steps"),
    ]
    if hidden:
        cases.append(Case(_regression(gen, 3, 2, 1), label="a single step"))
        for _ in range(4):
            n, d, steps = size(gen, 2, 64), size(gen, 1, 10), size(gen, 2, 60)
            dtype = pick(gen, DTYPES)
            cases.append(Case(_regression(gen, n, d, steps, dtype), label=f"random N={n}, D={d}, {steps} steps, {str(dtype)[6:]}"))
    return cases


register(Exercise(
    id="fit_linear_regression", assignment=A, signature="fit_linear_regression(x, y, lr, steps)",
    reference=_fit_reference,
    reference_text="w, b = zeros; steps x (loss = ((x @ w + b - y) ** 2).mean(); backward; "
                   "no_grad update; clear .grad); return w.detach(), b.detach()",
    # The default tolerances hold: right answers that round differently (torch.optim.SGD's
    # add_(alpha=-lr), F.mse_loss, sum() / N) stayed within 1e-5 of the reference on 300 random
    # float32 cases, because a stable learning rate damps the differences along the trajectory.
    cases=_fit_cases, outputs=("w", "b"),
    meta_cases=(2,),  # on meta every op goes through Python reference kernels: the 5-step case is enough
    mistakes=[
        Mistake(lambda x, y, lr, steps: _fit(x, y, lr, steps, zero_grad=False),
                "the gradients were never cleared, so they accumulated: .backward() adds into w.grad and "
                "b.grad (gradient accumulation); clear them at every step (w.grad = None, .zero_(), or "
                "optimizer.zero_grad())"),
        Mistake(lambda x, y, lr, steps: _fit(x, y, lr, steps, reduce="sum"),
                "the loss was summed over the samples, not averaged: the gradients are N times too large"),
        Mistake(lambda x, y, lr, steps: _fit(x, y, lr, steps, extra_steps=1),
                "one step too many: the loop should run exactly `steps` updates"),
        Mistake(lambda x, y, lr, steps: _fit(x, y, lr, max(steps - 1, 0)),
                "one step too few: the loop should run exactly `steps` updates"),
    ],
))
