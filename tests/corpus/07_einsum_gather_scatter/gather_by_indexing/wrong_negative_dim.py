# expect: raised
# message: dim=-1 (negative)
# dim is compared with 0..D-1 without turning a negative dim into a positive one.
def gather_by_indexing(src, index, dim):
    positions = []
    for d in range(src.dim()):
        if d == dim:
            positions.append(index)
        else:
            shape = [1] * src.dim()
            shape[d] = index.size(d)
            positions.append(torch.arange(index.size(d), device=src.device).view(shape))
    return src[tuple(positions)]
