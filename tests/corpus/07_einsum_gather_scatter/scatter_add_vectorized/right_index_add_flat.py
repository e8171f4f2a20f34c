# expect: pass
# Linear positions in the flattened out, then one index_add_.
def scatter_add_vectorized(src, index, dim, out_shape):
    out_shape = tuple(out_shape)
    dim = dim % index.dim()
    flat = torch.zeros(index.shape, dtype=torch.int64, device=src.device)
    stride = 1
    for d in reversed(range(index.dim())):
        if d == dim:
            coord = index
        else:
            shape = [1] * index.dim()
            shape[d] = index.size(d)
            coord = torch.arange(index.size(d), device=src.device).view(shape)
        flat = flat + coord * stride
        stride *= out_shape[d]
    used = src[tuple(slice(0, n) for n in index.shape)]
    out = torch.zeros(stride, dtype=src.dtype, device=src.device)
    return out.index_add(0, flat.reshape(-1), used.reshape(-1)).view(out_shape)
