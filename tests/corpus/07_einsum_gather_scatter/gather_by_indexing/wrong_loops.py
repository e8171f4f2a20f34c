# expect: vectorized
# message: a Python loop over the samples was detected
import itertools


def gather_by_indexing(src, index, dim):
    out = torch.zeros(index.shape, dtype=src.dtype, device=src.device)
    for pos in itertools.product(*[range(n) for n in index.shape]):
        where = list(pos)
        where[dim] = int(index[pos])
        out[pos] = src[tuple(where)]
    return out
