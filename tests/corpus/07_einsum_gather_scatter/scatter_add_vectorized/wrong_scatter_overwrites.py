# expect: values
# message: wrong values
# message: they do not accumulate
# scatter_ writes; with repeated indices only one value per slot survives.
def scatter_add_vectorized(src, index, dim, out_shape):
    return torch.zeros(out_shape, dtype=src.dtype, device=src.device).scatter(dim, index, src)
