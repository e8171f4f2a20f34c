# expect: raised
# message: IndexError
# The other dimensions run over src's sizes: wrong as soon as index is smaller than src there.
def gather_by_indexing(src, index, dim):
    dim = dim % src.dim()
    positions = []
    for d in range(src.dim()):
        if d == dim:
            positions.append(index)
        else:
            shape = [1] * src.dim()
            shape[d] = src.size(d)
            positions.append(torch.arange(src.size(d), device=src.device).view(shape))
    return src[tuple(positions)]
