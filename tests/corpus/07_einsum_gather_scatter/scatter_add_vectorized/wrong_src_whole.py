# expect: raised
# message: only src[:2, :4] is used
# index_put_ with accumulate is right, but src is used whole, not cut to index's shape.
def scatter_add_vectorized(src, index, dim, out_shape):
    out = torch.zeros(out_shape, dtype=src.dtype, device=src.device)
    positions = []
    for d in range(index.dim()):
        shape = [1] * index.dim()
        shape[d] = index.size(d)
        positions.append(torch.arange(index.size(d), device=src.device).view(shape))
    positions[dim] = index
    return out.index_put(tuple(positions), src, accumulate=True)
