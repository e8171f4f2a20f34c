"""Building blocks for exercises' cases: seeded random tensors in the layouts that catch bugs."""
from __future__ import annotations

import torch

DTYPES = (torch.float32, torch.float64)


def randn(gen: torch.Generator, *shape: int, dtype=torch.float32) -> torch.Tensor:
    return torch.randn(shape, generator=gen, dtype=torch.float64).to(dtype)


def randint(gen: torch.Generator, low: int, high: int, *shape: int) -> torch.Tensor:
    return torch.randint(low, high, shape, generator=gen, dtype=torch.int64)


def size(gen: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high + 1, (), generator=gen))


def transposed(t: torch.Tensor, dim0: int = -2, dim1: int = -1) -> torch.Tensor:
    """The same values as `t`, in a non-contiguous (transposed) layout."""
    return t.transpose(dim0, dim1).contiguous().transpose(dim0, dim1)


def strided(t: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """The same values as `t`, taken every other element of a larger tensor along `dim`."""
    dim = dim % t.dim()
    shape = list(t.shape)
    shape[dim] *= 2
    big = torch.zeros(shape, dtype=t.dtype)
    index = [slice(None)] * t.dim()
    index[dim] = slice(None, None, 2)
    big[tuple(index)] = t
    return big[tuple(index)]


def pick(gen: torch.Generator, options):
    return options[int(torch.randint(len(options), (), generator=gen))]
