"""01_tensors: the exercises of the building-blocks notebook.

pm_one_targets, as_image_batch, flatten_batch, pairwise_sq_dists, standardize_channels, to_device.
"""
from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import torch

from ..checks.cases import DTYPES, pick, randint, randn, size, strided, transposed
from ..checks.registry import register
from ..checks.spec import Case, Exercise, Forbid, Mistake, map_tensors

A = "01_tensors"


def _channels_last(t: torch.Tensor) -> torch.Tensor:
    """The same values as `t` (N, C, H, W), stored channels-last (C innermost): not contiguous
    when C > 1 and H*W > 1, the layout images often arrive in from NumPy or PIL."""
    return t.contiguous(memory_format=torch.channels_last)


# ---- pm_one_targets ---------------------------------------------------------------------------

def _pm_one_reference(labels, num_classes):
    out = torch.full((labels.shape[0], num_classes), -1.0, dtype=torch.float32, device=labels.device)
    return out.scatter_(1, labels.unsqueeze(1), 1.0)


def _pm_one_cases(gen, hidden):
    cases = [
        # EE-559 4b's example, with PyTorch's 0-based labels (the slides count classes from 1).
        Case((torch.tensor([1, 0, 0, 2, 1]), 3), label="the EE-559 example: N=5, C=3"),
        Case((randint(gen, 0, 10, 7), 10), label="N=7, C=10"),
        Case((torch.tensor([0]), 2), label="N=1"),
        Case((torch.tensor([1, 1, 1, 1]), 6), label="labels below C-1 only"),
        Case((strided(randint(gen, 0, 4, 6)), 4), label="non-contiguous labels"),
    ]
    if hidden:
        cases.append(Case((torch.tensor([2, 0, 1]), 3), label="N == C"))
        for _ in range(4):
            n, c = size(gen, 1, 40), size(gen, 2, 30)
            cases.append(Case((randint(gen, 0, c, n), c), label=f"random N={n}, C={c}"))
    return cases


register(Exercise(
    id="pm_one_targets", assignment=A, signature="pm_one_targets(labels, num_classes)",
    reference=_pm_one_reference, reference_text="+1 at the label, -1 elsewhere",
    cases=_pm_one_cases,
    vectorized=lambda b, gen: Case((randint(gen, 0, 5, b), 5)),
    mistakes=[
        Mistake(lambda labels, c: torch.nn.functional.one_hot(labels, c).float(),
                "a one-hot (0/1) target; this one is -1 everywhere but +1 at the label"),
        Mistake(lambda labels, c: -_pm_one_reference(labels, c),
                "the signs are swapped: +1 goes at the label, -1 everywhere else"),
    ],
))


# ---- as_image_batch ---------------------------------------------------------------------------

def _bytes(gen, *shape, high=256):
    return torch.randint(0, high, shape, generator=gen, dtype=torch.uint8)


def _image_batch_cases(gen, hidden):
    x = _bytes(gen, 3, 4, 5)
    x[0, 0, 0], x[1, 2, 3] = 255, 0  # the two ends of the range are always there
    dark = _bytes(gen, 2, 5, 3, high=101)  # a batch whose brightest pixel is 100, not 255
    cases = [
        Case((x,), label="N=3, H=4 != W=5"),
        Case((torch.tensor([[[0, 255], [128, 1]]], dtype=torch.uint8),), label="N=1"),
        Case((dark,), label="no pixel brighter than 100"),
        Case((transposed(_bytes(gen, 2, 3, 6)),), label="x non-contiguous (H and W transposed)"),
    ]
    if hidden:
        cases.append(Case((_bytes(gen, 6, 28, 28),), label="MNIST-sized, N=6"))
        cases.append(Case((strided(_bytes(gen, 4, 7, 5), dim=1),), label="x strided"))
        cases.append(Case((torch.full((2, 3, 3), 255, dtype=torch.uint8),), label="all white"))
        for _ in range(3):
            n, h, w = size(gen, 1, 9), size(gen, 1, 12), size(gen, 1, 12)
            cases.append(Case((_bytes(gen, n, h, w),), label=f"random N={n}, H={h}, W={w}"))
    return cases


register(Exercise(
    id="as_image_batch", assignment=A, signature="as_image_batch(x)",
    reference=lambda x: x.unsqueeze(1).to(torch.float32) / 255,
    reference_text="x.unsqueeze(1).to(torch.float32) / 255",
    cases=_image_batch_cases,
    mistakes=[
        Mistake(lambda x: x.unsqueeze(1).float() / 256, "divided by 256; the brightest byte, 255, must become 1.0"),
        Mistake(lambda x: x.unsqueeze(1).float() / x.max(),
                "divided by the batch's brightest pixel; divide by 255, the largest value a uint8 can hold, "
                "so that the same pixel gets the same value in every batch"),
        Mistake(lambda x: x.unsqueeze(1).float(), "not scaled: divide by 255 to land in [0, 1]"),
    ],
))


# ---- flatten_batch ----------------------------------------------------------------------------

def _layout_sizes(gen, layout: str) -> tuple[int, int, int, int]:
    """N, C, H, W drawn for a random case of `layout`, large enough that the layout is real:
    channels-last needs C > 1 and H*W > 1 (else it is the contiguous layout), transposed H, W > 1."""
    n, c, h, w = (size(gen, 1, 6) for _ in range(4))
    if layout == "channels-last":
        c, h = max(c, 2), max(h, 2)
    if layout == "transposed":
        h, w = max(h, 2), max(w, 2)
    return n, c, h, w


def _flatten_cases(gen, hidden):
    cases = [
        Case((randn(gen, 2, 3, 4, 5),), label="N=2, C=3, H=4, W=5"),
        Case((randn(gen, 3, 1, 4, 4, dtype=torch.float64),), label="C=1, float64", grad_args=(0,)),
        Case((_channels_last(randn(gen, 2, 3, 2, 4)),), label="x channels-last (non-contiguous)"),
        Case((transposed(randn(gen, 2, 2, 3, 5)),), label="x non-contiguous (H and W transposed)"),
        Case((randn(gen, 1, 2, 3, 3),), label="N=1"),
        Case((_bytes(gen, 2, 1, 2, 3),), label="uint8 bytes (an image batch as it is stored)"),
    ]
    if hidden:
        cases.append(Case((_bytes(gen, 5, 1, 28, 28),), label="uint8 MNIST-sized batch"))
        cases.append(Case((randn(gen, 4, 2, 3, 3)[1:],), label="x a slice of a larger batch (contiguous)"))
        cases.append(Case((strided(randn(gen, 3, 2, 4, 3), dim=-1),), label="x strided along W (a view is possible)"))
        cases.append(Case((strided(randn(gen, 2, 3, 3, 4), dim=2),), label="x strided along H"))
        cases.append(Case((randn(gen, 3, 5, 1, 1, dtype=torch.float64),), label="H=W=1", grad_args=(0,)))
        for i, layout in enumerate(("contiguous", "channels-last", "transposed")):  # each layout, every seed
            n, c, h, w = _layout_sizes(gen, layout)
            dtype = DTYPES[i % 2]
            x = randn(gen, n, c, h, w, dtype=dtype)
            x = {"contiguous": x, "channels-last": _channels_last(x), "transposed": transposed(x)}[layout]
            cases.append(Case((x,), label=f"random N={n}, C={c}, H={h}, W={w}, {str(dtype)[6:]}, {layout}"))
    return cases


def _flatten_reference(x):
    out = x.reshape(x.shape[0], -1)
    # The contract asks for a view exactly when x is contiguous. Some non-contiguous layouts can be
    # viewed too (x strided along W: reshape gives a view); there a copy is as right, so the
    # reference copies and the view check (which follows the reference) asks nothing.
    return out if x.is_contiguous() else out.clone()


register(Exercise(
    id="flatten_batch", assignment=A, signature="flatten_batch(x)",
    reference=_flatten_reference, reference_text="x.reshape(x.shape[0], -1)",
    cases=_flatten_cases, view_of=0,
    mistakes=[
        Mistake(lambda x: x.permute(0, 2, 3, 1).reshape(x.shape[0], -1),
                "the pixels were flattened channels-last (H, W, C); keep PyTorch's C, H, W order"),
        Mistake(lambda x: x.transpose(2, 3).reshape(x.shape[0], -1),
                "H and W were swapped before flattening; flatten rows of pixels in order"),
    ],
))


# ---- pairwise_sq_dists ------------------------------------------------------------------------

def _pairwise_cases(gen, hidden):
    cases = []
    for dtype in DTYPES:
        n, m, d = size(gen, 2, 5), size(gen, 6, 9), size(gen, 2, 4)
        cases.append(Case((randn(gen, n, d, dtype=dtype), randn(gen, m, d, dtype=dtype)),
                          label=f"N={n} != M={m}, {str(dtype)[6:]}",
                          grad_args=(0, 1) if dtype == torch.float64 else ()))
    x = randn(gen, 4, 3)
    cases.append(Case((x, x.clone()), label="N == M, x == y (zero diagonal)"))
    cases.append(Case((randn(gen, 1, 5), randn(gen, 3, 5)), label="N=1"))
    cases.append(Case((transposed(randn(gen, 5, 3)), randn(gen, 2, 3)), label="x non-contiguous (transposed)"))
    cases.append(Case((randn(gen, 3, 2), strided(randn(gen, 4, 2), dim=0)), label="y non-contiguous (strided)"))
    if hidden:
        cases.append(Case((randn(gen, 6, 1), randn(gen, 2, 1)), label="D=1"))
        cases.append(Case((randn(gen, 3, 4), randn(gen, 1, 4)), label="M=1"))
        x, y = randn(gen, 5, 3, dtype=torch.float64), randn(gen, 5, 3, dtype=torch.float64)
        cases.append(Case((x, y), label="N == M, x != y", grad_args=(0, 1)))
        for _ in range(3):
            n, m, d = size(gen, 1, 30), size(gen, 1, 30), size(gen, 1, 16)
            dtype = pick(gen, DTYPES)
            cases.append(Case((randn(gen, n, d, dtype=dtype), randn(gen, m, d, dtype=dtype)),
                              label=f"random N={n}, M={m}, D={d}, {str(dtype)[6:]}"))
    return cases


register(Exercise(
    id="pairwise_sq_dists", assignment=A, signature="pairwise_sq_dists(x, y)",
    reference=lambda x, y: torch.cdist(x, y) ** 2, reference_text="torch.cdist(x, y) ** 2",
    cases=_pairwise_cases,
    forbidden=[Forbid("torch.cdist", aten={"cdist", "_cdist_forward", "_euclidean_dist"}, functions={"cdist"},
                      hint="Broadcast x[:, None, :] against y[None, :, :] (or expand |x|^2 + |y|^2 - 2 x.y).")],
    # Both sizes grow with the batch: a loop over the rows of y is a loop over samples too.
    vectorized=lambda b, gen: Case((randn(gen, b, 3), randn(gen, b + 1, 3))),
    loop_over="the rows of x or y",
    # |x|^2 + |y|^2 - 2 x.y (a right answer, and what cdist itself computes for more than 25 rows)
    # loses digits to cancellation, most of all near the zero diagonal: allow for it.
    tolerances={torch.float32: (1e-4, 1e-4), torch.float64: (1e-9, 1e-9)},
    mistakes=[
        Mistake(lambda x, y: torch.cdist(x, y), "the distances, not squared"),
        Mistake(lambda x, y: (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - x @ y.T,
                "|x|^2 + |y|^2 - x.y: the cross term is -2 x.y"),
    ],
))


# ---- standardize_channels ---------------------------------------------------------------------

def _standardize_reference(x):
    dims = (0, 2, 3)
    mean = x.mean(dims, keepdim=True)
    std = x.var(dims, keepdim=True, correction=0).sqrt()
    return (x - mean) / std


def _channel_data(gen, n, c, h, w, dtype=torch.float32):
    """Per-channel offsets and scales, so that per-channel statistics differ from global ones.
    One channel has scale 0.5: adding an eps to the std is then visible in float32 too."""
    shift = (torch.rand(c, generator=gen, dtype=torch.float64) * 6 - 3)
    scale = 0.5 + torch.rand(c, generator=gen, dtype=torch.float64) * 2.5
    scale[0] = 0.5
    x = torch.randn(n, c, h, w, generator=gen, dtype=torch.float64) * scale[:, None, None] + shift[:, None, None]
    return x.to(dtype)


def _standardize_cases(gen, hidden):
    cases = [
        Case((_channel_data(gen, 4, 3, 5, 6),), label="N=4, C=3, H=5, W=6"),
        Case((_channel_data(gen, 3, 2, 4, 3, torch.float64),), label="float64", grad_args=(0,)),
        Case((_channel_data(gen, 1, 2, 3, 4),), label="N=1"),
        Case((_channel_data(gen, 5, 1, 4, 4),), label="C=1 (like MNIST)"),
        Case((_channels_last(_channel_data(gen, 3, 3, 4, 5, torch.float64)),),
             label="x channels-last (non-contiguous), float64", grad_args=(0,)),
        Case((transposed(_channel_data(gen, 3, 2, 5, 4)),), label="x non-contiguous (H and W transposed)"),
    ]
    if hidden:
        cases.append(Case((_channel_data(gen, 6, 4, 1, 1, torch.float64),), label="H=W=1", grad_args=(0,)))
        cases.append(Case((_channel_data(gen, 2, 3, 4, 3),), label="W == C"))
        cases.append(Case((strided(_channel_data(gen, 2, 3, 4, 6), dim=-1),), label="x non-contiguous (strided along W)"))
        for _ in range(3):
            n, c, h, w = size(gen, 2, 8), size(gen, 1, 6), size(gen, 1, 9), size(gen, 1, 9)
            cases.append(Case((_channel_data(gen, n, c, h, w, torch.float64),),
                              label=f"random N={n}, C={c}, H={h}, W={w}, float64", grad_args=(0,)))
    return cases


register(Exercise(
    id="standardize_channels", assignment=A, signature="standardize_channels(x)",
    reference=_standardize_reference,
    reference_text="(x - x.mean((0, 2, 3), keepdim=True)) / x.std((0, 2, 3), keepdim=True, correction=0)",
    cases=_standardize_cases,
    mistakes=[
        Mistake(lambda x: (x - x.mean((0, 2, 3), keepdim=True)) / x.std((0, 2, 3), keepdim=True),
                "the unbiased std (dividing by n - 1); the contract asks for the biased one "
                "(x.std(..., correction=0), or unbiased=False)"),
        Mistake(lambda x: (x - x.mean((2, 3), keepdim=True)) / x.std((2, 3), keepdim=True, correction=0),
                "per-sample statistics (over H, W only); average over the batch too: dims (0, 2, 3)"),
        Mistake(lambda x: (x - x.mean((1, 2, 3), keepdim=True)) / x.std((1, 2, 3), keepdim=True, correction=0),
                "statistics per sample over C, H, W; they are per channel, over N, H, W"),
        Mistake(lambda x: (x - x.mean()) / x.std(correction=0),
                "one mean and one std for the whole tensor; each channel gets its own"),
        Mistake(lambda x: (x - x.mean((0, 2, 3), keepdim=True)) / (x.std((0, 2, 3), keepdim=True, correction=0) + 1e-5),
                "an eps was added to the std; the contract asks for exactly unit std, with no eps"),
        Mistake(lambda x: (x - x.mean((0, 2, 3), keepdim=True)) / (x.var((0, 2, 3), keepdim=True, correction=0) + 1e-5).sqrt(),
                "an eps was added to the variance (as BatchNorm does); the contract asks for exactly unit std"),
    ],
))


# ---- to_device --------------------------------------------------------------------------------

class Sample(NamedTuple):
    """A namedtuple for to_device's hidden cases (module level, so that it pickles)."""
    image: Any
    label: Any
    source: Any


def _to_device_reference(obj, device):
    return map_tensors(lambda t: t.to(device), obj)


def _linear(gen, n_in: int, n_out: int) -> torch.nn.Module:
    """An nn.Linear with seeded parameters (made without touching the global random state)."""
    layer = torch.nn.utils.skip_init(torch.nn.Linear, n_in, n_out)
    with torch.no_grad():
        layer.weight.copy_(randn(gen, n_out, n_in))
        layer.bias.copy_(randn(gen, n_out))
    return layer


def _to_device_cases(gen, hidden):
    img, lab = randn(gen, 2, 1, 4, 4), randint(gen, 0, 10, 2)
    cases = [
        Case(({"img": img, "label": lab, "index": 7, "name": "seven", "pixels": np.arange(3)}, "meta"),
             label='a dict of tensors and non-tensors, to "meta"'),
        Case(([randn(gen, 3), (randint(gen, 0, 5, 2), "a", 0.5, None), {"w": randn(gen, 2, 2)}],
              torch.device("meta")), label="a list holding a tuple and a dict, to torch.device('meta')"),
        Case(({"batch": [randn(gen, 2, 3), randn(gen, 2, 3, dtype=torch.float64)], "sizes": (2, 3)}, "cpu"),
             label='nested dict and list, to "cpu" (values compared)'),
        Case(((randn(gen, 2), ((randint(gen, 0, 3, 4),), [np.ones(2)])), "meta"), label="tuples in tuples, to \"meta\""),
        Case((transposed(randn(gen, 3, 2)), "meta"), label="a bare (non-contiguous) tensor"),
        Case((["no tensors here", 3, None, np.zeros(1)], "meta"), label="no tensor at all"),
        Case(({"empty_list": [], "empty_tuple": (), "empty_dict": {}}, "meta"), label="empty containers"),
        Case((Sample(randn(gen, 1, 5, 5), torch.tensor(3), "train.csv"), "meta"),
             label="a namedtuple (a 0-d label tensor in it)"),
        Case(([Sample(randn(gen, 2), 1, np.arange(2)), {"s": Sample((randn(gen, 2),), [2], None)}], "meta"),
             label="namedtuples inside a list and a dict"),
        Case(({1: randn(gen, 2), (2, 3): [randint(gen, 0, 2, 3)], "train": True, "model": _linear(gen, 2, 1)}, "meta"),
             label="int and tuple keys, a bool, an nn.Module (left where it is)"),
    ]
    if hidden:
        cases.append(Case((Sample(randn(gen, 1, 5, 5), torch.tensor(3), "train.csv"), "meta"),
                          label="a namedtuple"))
        cases.append(Case(([Sample(randn(gen, 2), 1, np.arange(2)), {"s": Sample((randn(gen, 2),), [2], None)}], "meta"),
                          label="namedtuples inside a list and a dict"))
        cases.append(Case(({"x": randn(gen, 2, 2), "y": (True, "raw", 1.5)}, torch.device("cpu")),
                          label="to torch.device('cpu')"))
        cases.append(Case(({"a": {"b": {"c": [(randn(gen, 2, dtype=torch.float64), "deep")]}}}, "meta"),
                          label="deeply nested"))
        cases.append(Case(({1: randn(gen, 2), (2, 3): [randint(gen, 0, 2, 3)]}, "meta"), label="non-string keys"))
        cases.append(Case((Sample({"net": _linear(gen, 3, 2), "x": [randn(gen, 4, 3)]}, torch.tensor(1), None), "meta"),
                          label="an nn.Module inside a namedtuple, to \"meta\""))
    return cases


register(Exercise(
    id="to_device", assignment=A, signature="to_device(obj, device)",
    reference=_to_device_reference, reference_text="tensor.to(device) on every tensor, containers rebuilt",
    cases=_to_device_cases,
    # Its cases choose the target device themselves ("meta" from CPU tensors lets a CPU-only machine
    # see the move): no automatic meta variants, whose "cpu" targets could not be reached from meta.
    devices=("cpu", "cuda"),
    strict_containers=True, same_leaves=True,
))
