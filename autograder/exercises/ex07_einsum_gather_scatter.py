"""07_einsum_gather_scatter: the exercises of the vectorization notebook (einsum, gather, scatter).

What the profiler records for the ops these exercises forbid or require (read from
`autograder.checks.trace.Recorder`, torch 2.x, CPU):
- torch.einsum / Tensor-free `torch.ops.aten.einsum`: `aten::einsum` at the dispatcher, then
  whatever it decomposes into (permute, reshape, bmm, sum, mul). Only `einsum` names it.
- torch.gather, Tensor.gather, torch.ops.aten.gather: `aten::gather`;
  torch.take_along_dim: `aten::take_along_dim`, then `aten::gather`.
- torch.bincount: `aten::bincount`; torch.histc: `aten::histc`; torch.histogram: `aten::histogram`;
  torch.histogramdd: `aten::histogramdd`, `aten::_histogramdd_bin_edges`,
  `aten::_histogramdd_from_bin_cts` (or `_from_bin_tensors` with explicit edges).
- NumPy's bincount on `labels.numpy()` records nothing in aten but `numpy` at the torch-function
  level: the vectorized rule reports it as taking data out of torch.
"""
from __future__ import annotations

import torch

from ..checks.cases import DTYPES, randint, randn, size, strided, transposed
from ..checks.registry import register
from ..checks.spec import Case, Exercise, Forbid, Mistake, Require

A = "07_einsum_gather_scatter"


def _kinds(i: int) -> tuple[torch.dtype, str | None]:
    """The dtype and layout of the i-th random hidden case: by its number, the same under every
    seed (the seed draws sizes and values only); every pair of them within four cases."""
    return DTYPES[i % 2], (None, "non-contiguous")[(i // 2) % 2]


def _distinct_sizes(gen, n, low, high):
    """n different sizes from [low, high], in random order."""
    pool = torch.randperm(high - low + 1, generator=gen)[:n] + low
    return [int(s) for s in pool]


# ---- batched_bilinear -------------------------------------------------------------------------

def _bilinear_reference(x, A, y):
    return torch.einsum("bn,nm,bm->b", x, A, y)


def _bilinear_case(gen, b, n, m, dtype=torch.float32, label="", layout=None):
    x, a, y = randn(gen, b, n, dtype=dtype), randn(gen, n, m, dtype=dtype), randn(gen, b, m, dtype=dtype)
    if layout == "non-contiguous":
        x, a, y = strided(x, 0), transposed(a), transposed(y)
    return Case((x, a, y), label=label or f"B={b}, N={n}, M={m}, {str(dtype)[6:]}", grad_args=(0, 1, 2))


def _bilinear_cases(gen, hidden):
    cases = [
        _bilinear_case(gen, 3, 4, 2, label="B=3, N=4 != M=2, float32"),
        _bilinear_case(gen, 4, 2, 5, torch.float64, label="B=4, N=2 != M=5, float64"),
        _bilinear_case(gen, 3, 3, 3, label="N == M = 3 (a transposed A shows here)"),
        _bilinear_case(gen, 1, 3, 2, label="B=1"),
        _bilinear_case(gen, 2, 1, 1, torch.float64, label="N=1 and M=1"),
        _bilinear_case(gen, 5, 3, 4, label="x strided, A and y transposed (non-contiguous)", layout="non-contiguous"),
    ]
    if hidden:
        for i in range(5):
            dtype, layout = _kinds(i)
            low = 2 if layout else 1  # a size of 1 would leave the strided or transposed tensor contiguous
            b, n, m = size(gen, low, 40), size(gen, low, 20), size(gen, low, 20)
            cases.append(_bilinear_case(gen, b, n, m, dtype, f"random B={b}, N={n}, M={m}, {str(dtype)[6:]}"
                                        + (", non-contiguous" if layout else ""), layout))
    return cases


register(Exercise(
    id="batched_bilinear", assignment=A, signature="batched_bilinear(x, A, y)",
    reference=_bilinear_reference, reference_text='torch.einsum("bn,nm,bm->b", x, A, y)',
    cases=_bilinear_cases,
    required=[Require("torch.einsum", aten={"einsum"}, functions={"einsum"},
                      hint="The exercise is about einsum: write it as one torch.einsum call that names the "
                           "dimensions of x, A and y and keeps only the batch letter in the output, "
                           "e.g. torch.einsum('bn,nm,bm->b', x, A, y).")],
    mistakes=[
        Mistake(lambda x, A, y: torch.einsum("bn,mn,bm->b", x, A, y),
                "x[b] A^T y[b]: A is used transposed (subscripts 'mn' for A, where A is N x M)"),
        Mistake(lambda x, A, y: torch.einsum("bn,nm,bm->b", x, A, y) ** 2,
                "the square of the bilinear form"),
    ],
))


# ---- ikmlj_contract -----------------------------------------------------------------------------

def _ikmlj_reference(x, y, z):
    return torch.einsum("ikmlj,iljk,i->ijk", x, y, z)


def _ikmlj_case(gen, i, j, k, l, m, dtype=torch.float32, label="", layout=None):
    x = randn(gen, i, k, m, l, j, dtype=dtype)
    y = randn(gen, i, l, j, k, dtype=dtype)
    z = randn(gen, i, dtype=dtype)
    if layout == "non-contiguous":
        x, y, z = x.permute(4, 3, 2, 1, 0).contiguous().permute(4, 3, 2, 1, 0), transposed(y, 1, 3), strided(z)
    return Case((x, y, z), label=label or f"I={i}, J={j}, K={k}, L={l}, M={m}, {str(dtype)[6:]}",
                grad_args=(0, 1, 2))


def _ikmlj_cases(gen, hidden):
    cases = [
        _ikmlj_case(gen, 2, 3, 4, 5, 6, label="I=2, J=3, K=4, L=5, M=6 (all different), float32"),
        _ikmlj_case(gen, 3, 5, 2, 4, 1, torch.float64, label="I=3, J=5, K=2, L=4, M=1, float64"),
        _ikmlj_case(gen, 1, 2, 3, 4, 5, label="I=1"),
        _ikmlj_case(gen, 4, 3, 5, 1, 2, torch.float64, label="L=1"),
        _ikmlj_case(gen, 2, 4, 3, 2, 5, label="x, y, z non-contiguous", layout="non-contiguous"),
    ]
    if hidden:
        for n in range(5):
            dtype, layout = _kinds(n)
            i, j, k, l, m = _distinct_sizes(gen, 5, 2 if layout else 1, 10 if layout else 9)
            cases.append(_ikmlj_case(gen, i, j, k, l, m, dtype,
                                     f"random I={i}, J={j}, K={k}, L={l}, M={m}, {str(dtype)[6:]}"
                                     + (", non-contiguous" if layout else ""), layout))
    return cases


register(Exercise(
    id="ikmlj_contract", assignment=A, signature="ikmlj_contract(x, y, z)",
    reference=_ikmlj_reference, reference_text='torch.einsum("ikmlj,iljk,i->ijk", x, y, z)',
    cases=_ikmlj_cases,
    forbidden=[Forbid("torch.einsum", aten={"einsum"}, functions={"einsum"},
                      hint="Do by hand what einsum does: sum x over m, permute both operands so that "
                           "(i, j, k) lead and l is last (x) or in the matmul position (y), multiply with "
                           "matmul (or broadcasting and .sum), then scale by z[:, None, None].")],
    vectorized=lambda b, gen: _ikmlj_case(gen, b, b + 1, b + 2, 3, 2, label=f"I={b} (batch), J={b + 1}, K={b + 2}"),
    # Summing l and m in another order than einsum's bmm rounds differently in float32 (up to
    # L*M = 81 products of three normal numbers in the hidden cases).
    tolerances={torch.float32: (1e-5, 3e-5)},
    mistakes=[
        Mistake(lambda x, y, z: torch.einsum("ikmlj,iljk->ijk", x, y),
                "z is missing: every out[i] must be multiplied by z[i]"),
        Mistake(lambda x, y, z: torch.einsum("ikmlj,iljk,i->ijk", x, y, z.reciprocal()),
                "divided by z[i] instead of multiplied"),
        Mistake(lambda x, y, z: torch.einsum("ikmlj,iljk,i->ijk", x, y, z) / x.shape[2],
                "x was averaged over m (mean), not summed"),
    ],
))


# ---- gather_by_indexing -------------------------------------------------------------------------

def _gather_case(gen, src_shape, index_shape, dim, dtype=torch.float32, label="", layout=None, grad=True):
    src = randn(gen, *src_shape, dtype=dtype) if dtype.is_floating_point else randint(gen, -50, 50, *src_shape)
    index = randint(gen, 0, src_shape[dim], *index_shape)
    if layout == "non-contiguous":
        src = transposed(src, 0, -1) if src.dim() > 1 else strided(src)
        index = strided(index, 0)
    return Case((src, index, dim), label=label or f"src {tuple(src_shape)}, index {tuple(index_shape)}, dim={dim}",
                grad_args=(0,) if dtype.is_floating_point and grad else ())


def _random_gather_case(gen, i):
    dtype, layout = _kinds(i)
    ndim = size(gen, 1, 4)
    low = 2 if layout else 1  # sizes of 1 would leave the transposed or strided tensors contiguous
    src_shape = [size(gen, low, 6) for _ in range(ndim)]
    dim = size(gen, -ndim, ndim - 1)
    d = dim % ndim
    # index: up to src's size in every other dim, any length along dim (0 in a case of its own)
    index_shape = [size(gen, low, 8) if e == d else size(gen, low, s) for e, s in enumerate(src_shape)]
    return _gather_case(gen, src_shape, index_shape, dim, dtype,
                        f"random src {tuple(src_shape)}, index {tuple(index_shape)}, dim={dim}, {str(dtype)[6:]}"
                        + (", non-contiguous" if layout else ""), layout)


def _gather_cases(gen, hidden):
    cases = [
        _gather_case(gen, (4, 4, 6), (1, 4, 6), 0, label="the slides' dim=0 example: src (4, 4, 6), index (1, 4, 6)"),
        _gather_case(gen, (4, 4, 6), (4, 10, 6), 1, torch.float64,
                     label="the slides' dim=1 example: src (4, 4, 6), index (4, 10, 6), float64"),
        _gather_case(gen, (3, 5, 4), (2, 3, 6), 2,
                     label="dim=2, index (2, 3, 6) smaller than src (3, 5, 4) in dims 0 and 1"),
        _gather_case(gen, (3, 5), (2, 7), -1, torch.float64, label="dim=-1 (negative), src (3, 5), index (2, 7)"),
        _gather_case(gen, (4, 3, 2), (2, 5, 1), -2, label="dim=-2 (negative), src (4, 3, 2), index (2, 5, 1)"),
        _gather_case(gen, (5,), (8,), 0, label="1-D src (5,), index (8,) (repeated indices)"),
        _gather_case(gen, (3, 4), (3, 2), 0, torch.int64, label="int64 src (gather works for any dtype)"),
        _gather_case(gen, (5, 3, 4), (2, 3, 4), 0, label="src transposed, index strided (non-contiguous)",
                     layout="non-contiguous"),
        # an empty result: its shape and dtype are compared, not whether it is attached to src's graph
        _gather_case(gen, (3, 4, 2), (3, 0, 2), 1, label="index with 0 entries along dim (an empty result)", grad=False),
    ]
    if hidden:
        for i in range(8):
            cases.append(_random_gather_case(gen, i))
        cases.append(_gather_case(gen, (5, 2, 3), (4, 0, 3), 1, label="index with 0 entries along dim", grad=False))
    return cases


register(Exercise(
    id="gather_by_indexing", assignment=A, signature="gather_by_indexing(src, index, dim)",
    reference=lambda src, index, dim: torch.gather(src, dim, index), reference_text="torch.gather(src, dim, index)",
    cases=_gather_cases,
    forbidden=[Forbid("torch.gather", aten={"gather", "take_along_dim"}, functions={"gather", "take_along_dim"},
                      hint="Build one index tensor per dimension of src: `index` itself along dim, "
                           "torch.arange(index.size(d)) shaped to broadcast along every other dimension d, "
                           "then src[tuple(those)].")],
    vectorized=lambda b, gen: _gather_case(gen, (b, b + 1, 3), (b, b, 2), 1, label=f"src ({b}, {b + 1}, 3), index ({b}, {b}, 2), dim=1"),
))


# ---- select_logits ------------------------------------------------------------------------------

def _select_reference(logits, labels):
    return logits.gather(1, labels.unsqueeze(1)).squeeze(1)


def _select_case(gen, n, c, dtype=torch.float32, label="", layout=None, labels=None):
    logits = randn(gen, n, c, dtype=dtype)
    labels = randint(gen, 0, c, n) if labels is None else labels
    if layout == "non-contiguous":
        logits, labels = transposed(logits), strided(labels)
    return Case((logits, labels), label=label or f"N={n}, C={c}, {str(dtype)[6:]}", grad_args=(0,))


def _select_cases(gen, hidden):
    cases = [
        _select_case(gen, 4, 3, label="N=4, C=3", labels=torch.tensor([2, 0, 2, 1])),
        _select_case(gen, 1, 5, torch.float64, label="N=1"),
        _select_case(gen, 5, 5, label="N == C = 5"),
        _select_case(gen, 3, 1, torch.float64, label="C=1 (every label is 0)"),
        _select_case(gen, 6, 2, label="N=6 > C=2, logits transposed, labels strided", layout="non-contiguous"),
    ]
    if hidden:
        for i in range(4):
            dtype, layout = _kinds(i)
            n, c = size(gen, 2 if layout else 1, 64), size(gen, 2 if layout else 1, 20)
            cases.append(_select_case(gen, n, c, dtype, f"random N={n}, C={c}, {str(dtype)[6:]}"
                                      + (", non-contiguous" if layout else ""), layout))
    return cases


register(Exercise(
    id="select_logits", assignment=A, signature="select_logits(logits, labels)",
    reference=_select_reference, reference_text="logits.gather(1, labels[:, None]).squeeze(1)",
    cases=_select_cases,
    mistakes=[
        Mistake(lambda logits, labels: logits.max(1).values, "the largest logit of each row, not the one at the label"),
        Mistake(lambda logits, labels: _select_reference(logits.log_softmax(1), labels),
                "log-probabilities (log_softmax): the raw logits are asked for"),
        Mistake(lambda logits, labels: logits.gather(0, labels.unsqueeze(0)).squeeze(0),
                "logits[labels[n], n]: indices taken along dim 0 (rows) instead of dim 1 (classes)"),
    ],
))


# ---- scatter_add_vectorized ----------------------------------------------------------------------

def _scatter_reference(src, index, dim, out_shape):
    return torch.zeros(out_shape, dtype=src.dtype, device=src.device).scatter_add_(dim, index, src)


def _scatter_case(gen, src_shape, index_shape, dim, out_shape, dtype=torch.float32, label="", layout=None,
                  shape_type=tuple):
    src = randn(gen, *src_shape, dtype=dtype) if dtype.is_floating_point else randint(gen, -50, 50, *src_shape)
    index = randint(gen, 0, out_shape[dim], *index_shape)
    if layout == "non-contiguous":
        src = transposed(src, 0, -1) if src.dim() > 1 else strided(src)
        index = strided(index, 0)
    # PyTorch's scatter_add backward refuses src larger than index: compare values only there.
    differentiable = dtype.is_floating_point and tuple(src_shape) == tuple(index_shape)
    return Case((src, index, dim, shape_type(out_shape)),
                label=label or f"src {tuple(src_shape)}, index {tuple(index_shape)}, dim={dim}, out {tuple(out_shape)}",
                grad_args=(0,) if differentiable else ())


def _random_scatter_case(gen, i):
    dtype, layout = _kinds(i)
    ndim = size(gen, 1, 4)
    dim = size(gen, -ndim, ndim - 1)
    d = dim % ndim
    low = 2 if layout else 1  # sizes of 1 would leave the transposed or strided tensors contiguous
    index_shape = [size(gen, low, 6) for _ in range(ndim)]
    out_shape = [size(gen, 1, 5) if e == d else s + size(gen, 0, 2) for e, s in enumerate(index_shape)]
    bigger = i % 3 == 2  # src larger than index
    src_shape = [s + size(gen, 1, 2) for s in index_shape] if bigger else list(index_shape)
    return _scatter_case(gen, src_shape, index_shape, dim, out_shape, dtype,
                         f"random src {tuple(src_shape)}, index {tuple(index_shape)}, dim={dim}, out {tuple(out_shape)}, "
                         f"{str(dtype)[6:]}" + (", non-contiguous" if layout else ""), layout,
                         shape_type=(tuple, list, torch.Size)[i % 3])


def _scatter_cases(gen, hidden):
    cases = [
        _scatter_case(gen, (1, 4, 6), (1, 4, 6), 0, (4, 4, 6),
                      label="the slides' dim=0 example: src (1, 4, 6) into out (4, 4, 6)"),
        _scatter_case(gen, (4, 10, 6), (4, 10, 6), 1, (4, 4, 6), torch.float64,
                      label="the slides' dim=1 example: src (4, 10, 6) into out (4, 4, 6) (repeated indices), float64"),
        Case((randn(gen, 8), torch.tensor([0, 2, 2, 2, 1, 0, 2, 4]), 0, (6,)), grad_args=(0,),
             label="1-D, index [0, 2, 2, 2, 1, 0, 2, 4] (repeats, slots 3 and 5 never hit)"),
        _scatter_case(gen, (3, 5), (2, 4), 1, (4, 3),
                      label="src (3, 5) larger than index (2, 4) (only src[:2, :4] is used), out (4, 3) larger in dim 0"),
        _scatter_case(gen, (2, 5, 3), (2, 5, 3), -2, (2, 2, 3), torch.float64, label="dim=-2 (negative)",
                      shape_type=torch.Size),
        _scatter_case(gen, (3, 4), (3, 4), 1, (3, 2), torch.int64, label="int64 src: out is int64 too"),
        _scatter_case(gen, (5, 3, 4), (5, 3, 4), 0, (3, 3, 4), label="src transposed, index strided (non-contiguous)",
                      layout="non-contiguous", shape_type=list),
    ]
    if hidden:
        for i in range(8):
            cases.append(_random_scatter_case(gen, i))
    return cases


def _overwriting_scatter(src, index, dim, out_shape):
    """The classic `out[index] += src`: with repeated indices only one of the additions survives."""
    out = torch.zeros(out_shape, dtype=src.dtype, device=src.device)
    dim = dim % index.dim()
    idx = [torch.arange(n, device=src.device).view([-1 if e == d else 1 for e in range(index.dim())])
           for d, n in enumerate(index.shape)]
    idx[dim] = index
    src = src[tuple(slice(0, n) for n in index.shape)]
    out[tuple(idx)] += src
    return out


register(Exercise(
    id="scatter_add_vectorized", assignment=A, signature="scatter_add_vectorized(src, index, dim, out_shape)",
    reference=_scatter_reference, reference_text="torch.zeros(out_shape).scatter_add_(dim, index, src)",
    cases=_scatter_cases,
    vectorized=lambda b, gen: _scatter_case(gen, (b, b + 1), (b, b + 1), 1, (b, 3),
                                            label=f"src ({b}, {b + 1}) into out ({b}, 3), dim=1"),
    mistakes=[
        Mistake(_overwriting_scatter,
                "out[index] += src, like scatter_, keeps only one of the values sent to the same place: "
                "with repeated indices they write, they do not accumulate. Use scatter_add_, index_add_ "
                "or index_put_(..., accumulate=True)."),
        Mistake(lambda src, index, dim, out_shape:
                torch.zeros(out_shape, dtype=src.dtype, device=src.device).scatter(dim, index, src),
                "scatter_, like out[index] += src, keeps only one of the values sent to the same place: "
                "with repeated indices they write, they do not accumulate. Use scatter_add_, index_add_ "
                "or index_put_(..., accumulate=True)."),
    ],
))


# ---- segment_mean ---------------------------------------------------------------------------------

def _segment_reference(values, segment_ids, num_segments):
    sums = torch.zeros(num_segments, *values.shape[1:], dtype=values.dtype, device=values.device)
    sums = sums.index_add(0, segment_ids, values)
    counts = torch.zeros(num_segments, dtype=values.dtype, device=values.device)
    counts = counts.index_add(0, segment_ids, torch.ones_like(segment_ids, dtype=values.dtype))
    return sums / counts.clamp(min=1).unsqueeze(1)


def _segment_case(gen, n, d, s, dtype=torch.float32, label="", layout=None, ids=None, high=None):
    values = randn(gen, n, d, dtype=dtype)
    ids = randint(gen, 0, high or s, n) if ids is None else ids
    if layout == "non-contiguous":
        values, ids = transposed(values), strided(ids)
    return Case((values, ids, s), label=label or f"N={n}, D={d}, {s} segments, {str(dtype)[6:]}", grad_args=(0,))


def _segment_cases(gen, hidden):
    cases = [
        _segment_case(gen, 6, 3, 4, ids=torch.tensor([3, 0, 1, 3, 0, 3]), label="N=6, D=3, segment 2 empty (its mean is 0)"),
        _segment_case(gen, 7, 2, 6, torch.float64, high=3,
                      label="num_segments=6 > largest id + 1 (segments 3 to 5 empty), float64"),
        _segment_case(gen, 1, 1, 3, ids=torch.tensor([1]), label="N=1, D=1"),
        _segment_case(gen, 5, 4, 1, torch.float64, label="one segment"),
        _segment_case(gen, 8, 3, 3, label="values transposed, segment_ids strided (non-contiguous)",
                      layout="non-contiguous"),
    ]
    if hidden:
        for i in range(5):
            dtype, layout = _kinds(i)
            n, d, s = size(gen, 2 if layout else 1, 60), size(gen, 2 if layout else 1, 12), size(gen, 1, 15)
            cases.append(_segment_case(gen, n, d, s, dtype, f"random N={n}, D={d}, {s} segments, {str(dtype)[6:]}"
                                       + (", non-contiguous" if layout else ""), layout))
    return cases


def _segment_nan(values, segment_ids, num_segments):
    sums = torch.zeros(num_segments, values.shape[1], dtype=values.dtype).index_add(0, segment_ids, values)
    counts = torch.zeros(num_segments, dtype=values.dtype).index_add(0, segment_ids, torch.ones_like(values[:, 0]))
    return sums / counts.unsqueeze(1)


def _segment_overwriting(values, segment_ids, num_segments):
    """`sums[ids] += values; counts[ids] += 1`: one row per segment survives, with a count of 1."""
    sums = torch.zeros(num_segments, values.shape[1], dtype=values.dtype)
    counts = torch.zeros(num_segments, dtype=values.dtype)
    sums[segment_ids] += values
    counts[segment_ids] += 1
    return sums / counts.clamp(min=1).unsqueeze(1)


register(Exercise(
    id="segment_mean", assignment=A, signature="segment_mean(values, segment_ids, num_segments)",
    loop_over="the samples or the segments",
    reference=_segment_reference, reference_text="index_add_ sums / counts clamped to at least 1",
    cases=_segment_cases,
    # The probe grows the number of segments with the batch too: a loop over segments is a loop.
    vectorized=lambda b, gen: _segment_case(gen, 3 * b, 2, b, label=f"N={3 * b}, {b} segments"),
    mistakes=[
        Mistake(_segment_nan, "an empty segment divides 0 by a count of 0 and gives NaN: clamp the counts to at "
                              "least 1 (counts.clamp(min=1)) before dividing, so empty segments get 0"),
        Mistake(lambda v, ids, s: torch.zeros(s, v.shape[1], dtype=v.dtype).index_add(0, ids, v),
                "the sums of the segments, not their means"),
        Mistake(_segment_overwriting,
                "sums[segment_ids] += values keeps one row per segment: with repeated ids, advanced-indexing "
                "+= writes, it does not accumulate. Use index_add_ (or scatter_add_, index_put_(..., "
                "accumulate=True)) for the sums and the counts."),
        Mistake(lambda v, ids, s: torch.zeros(s, v.shape[1], dtype=v.dtype).index_add(0, ids, v) / v.shape[0],
                "sums divided by N (all rows), not by each segment's own count"),
    ],
))


# ---- class_histogram ------------------------------------------------------------------------------

def _histogram_reference(labels, num_classes):
    if labels.device.type == "meta":  # bincount has no meta kernel: its output's shape depends on values
        return torch.empty(num_classes, dtype=torch.int64, device="meta")
    return torch.bincount(labels, minlength=num_classes)


def _histogram_cases(gen, hidden):
    cases = [
        Case((torch.tensor([0, 2, 2, 5, 0, 2]), 7), label="classes 1, 3, 4, 6 missing; num_classes=7 > max label + 1"),
        Case((randint(gen, 0, 10, 20), 10), label="N=20, 10 classes"),
        Case((torch.tensor([3]), 4), label="N=1"),
        Case((torch.zeros(0, dtype=torch.int64), 3), label="no labels at all (N=0)"),
        Case((torch.full((5,), 1), 2), label="every label the same"),
        Case((strided(randint(gen, 0, 4, 9)), 6), label="labels strided (non-contiguous)"),
    ]
    if hidden:
        for _ in range(4):
            n, c = size(gen, 0, 200), size(gen, 1, 30)
            cases.append(Case((randint(gen, 0, max(1, c - size(gen, 0, 3)), n), c), label=f"random N={n}, {c} classes"))
    return cases


def _presence(labels, num_classes):
    out = torch.zeros(num_classes, dtype=torch.int64)
    out[labels] += 1
    return out


register(Exercise(
    id="class_histogram", assignment=A, signature="class_histogram(labels, num_classes)",
    loop_over="the samples or the classes",
    reference=_histogram_reference, reference_text="torch.bincount(labels, minlength=num_classes)",
    cases=_histogram_cases,
    forbidden=[
        Forbid("torch.bincount", aten={"bincount"}, functions={"bincount"},
               hint="Count with a scatter: add a 1 for every label into a zero vector of num_classes "
                    "(scatter_add_ or index_add_), or compare labels with torch.arange(num_classes) and sum."),
        Forbid("torch.histc", aten={"histc", "histogram", "histogramdd", "_histogramdd_bin_edges",
                                    "_histogramdd_from_bin_cts", "_histogramdd_from_bin_tensors"},
               functions={"histc", "histogram", "histogramdd"},
               hint="Count with a scatter: add a 1 for every label into a zero vector of num_classes "
                    "(scatter_add_ or index_add_), or compare labels with torch.arange(num_classes) and sum."),
    ],
    # The probe grows the number of classes with the batch too: a loop over classes is a loop.
    vectorized=lambda b, gen: Case((randint(gen, 0, b, 3 * b), b), label=f"N={3 * b}, {b} classes"),
    mistakes=[
        Mistake(_presence,
                "1 for every class present, not the counts: counts[labels] += 1 writes each class once, because "
                "advanced-indexing += does not accumulate repeated indices. Use index_add_, scatter_add_ or "
                "index_put_(..., accumulate=True)."),
    ],
))
