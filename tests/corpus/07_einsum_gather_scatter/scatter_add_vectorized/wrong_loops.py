# expect: vectorized
# message: a Python loop over the samples was detected
import itertools


def scatter_add_vectorized(src, index, dim, out_shape):
    out = torch.zeros(out_shape, dtype=src.dtype, device=src.device)
    for pos in itertools.product(*[range(n) for n in index.shape]):
        where = list(pos)
        where[dim] = int(index[pos])
        out[tuple(where)] += src[pos]
    return out
