# expect: values
# message: wrong values
# message: they do not accumulate
def scatter_add_vectorized(src, index, dim, out_shape):
    out = torch.zeros(out_shape, dtype=src.dtype, device=src.device)
    positions = []
    for d in range(index.dim()):
        shape = [1] * index.dim()
        shape[d] = index.size(d)
        positions.append(torch.arange(index.size(d), device=src.device).view(shape))
    positions[dim] = index
    out[tuple(positions)] += src
    return out
