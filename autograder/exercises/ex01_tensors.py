"""01_tensors: the exercises of the building-blocks notebook."""
from __future__ import annotations

import torch

from ..checks.cases import DTYPES, randint, randn, size, strided, transposed
from ..checks.spec import Case, Exercise, Forbid, Mistake, register

A = "01_tensors"


# ---- pm_one_targets ---------------------------------------------------------------------------

def _pm_one_reference(labels, num_classes):
    out = torch.full((labels.shape[0], num_classes), -1.0, device=labels.device)
    return out.scatter_(1, labels.unsqueeze(1), 1.0)


def _pm_one_cases(gen, hidden):
    cases = [
        Case((torch.tensor([1, 0, 0, 2, 1]), 3), label="the EE-559 example: N=5, C=3"),
        Case((randint(gen, 0, 10, 7), 10), label="N=7, C=10"),
        Case((torch.tensor([0]), 2), label="N=1"),
        Case((torch.tensor([1, 1, 1, 1]), 6), label="labels below C-1 only"),
        Case((strided(randint(gen, 0, 4, 6)), 4), label="non-contiguous labels"),
    ]
    if hidden:
        for _ in range(4):
            n, c = size(gen, 1, 40), size(gen, 2, 30)
            cases.append(Case((randint(gen, 0, c, n), c), label=f"random N={n}, C={c}"))
    return cases


register(Exercise(
    id="pm_one_targets", assignment=A, signature="pm_one_targets(labels, num_classes)",
    reference=_pm_one_reference, reference_text="+1 at the label, -1 elsewhere",
    cases=_pm_one_cases,
    vectorized=lambda b, gen: Case((randint(gen, 0, 5, b), 5)),
    mistakes=[Mistake(lambda labels, c: torch.nn.functional.one_hot(labels, c).float(),
                      "a one-hot (0/1) target; this one is -1 everywhere but +1 at the label")],
))


# ---- pairwise_sq_dists ------------------------------------------------------------------------

def _pairwise_cases(gen, hidden):
    cases = []
    for dtype in DTYPES:
        n, m, d = size(gen, 2, 5), size(gen, 6, 9), size(gen, 2, 4)
        cases.append(Case((randn(gen, n, d, dtype=dtype), randn(gen, m, d, dtype=dtype)),
                          label=f"N={n} != M={m}, {str(dtype)[6:]}"))
    x = randn(gen, 4, 3)
    cases.append(Case((x, x.clone()), label="N == M, x == y (zero diagonal)"))
    cases.append(Case((randn(gen, 1, 5), randn(gen, 3, 5)), label="N=1"))
    cases.append(Case((transposed(randn(gen, 5, 3)), randn(gen, 2, 3)), label="x non-contiguous (transposed)"))
    if hidden:
        for _ in range(3):
            n, m, d = size(gen, 1, 30), size(gen, 1, 30), size(gen, 1, 16)
            cases.append(Case((randn(gen, n, d, dtype=torch.float64), randn(gen, m, d, dtype=torch.float64)),
                              label=f"random N={n}, M={m}, D={d}"))
    return cases


register(Exercise(
    id="pairwise_sq_dists", assignment=A, signature="pairwise_sq_dists(x, y)",
    reference=lambda x, y: torch.cdist(x, y) ** 2, reference_text="torch.cdist(x, y) ** 2",
    cases=_pairwise_cases,
    forbidden=[Forbid("torch.cdist", aten={"cdist", "_cdist_forward", "_euclidean_dist"}, functions={"cdist"},
                      hint="Broadcast x[:, None, :] against y[None, :, :] (or expand |x|^2 + |y|^2 - 2 x.y).")],
    vectorized=lambda b, gen: Case((randn(gen, b, 3), randn(gen, 5, 3))),
    # |x|^2 + |y|^2 - 2 x.y loses digits to cancellation in float32: allow for it.
    tolerances={torch.float32: (1e-4, 1e-4), torch.float64: (1e-9, 1e-9)},
    mistakes=[Mistake(lambda x, y: torch.cdist(x, y), "the distances, not squared")],
))
