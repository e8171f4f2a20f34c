# expect: forbidden
# message: uses torch.gather, which this exercise forbids
# message: aten::take_along_dim
# src cut to index's size outside dim, then take_along_dim: right values, but it calls gather.
def gather_by_indexing(src, index, dim):
    dim = dim % src.dim()
    cut = tuple(slice(None) if d == dim else slice(0, index.size(d)) for d in range(src.dim()))
    return torch.take_along_dim(src[cut], index, dim=dim)
