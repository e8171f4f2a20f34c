# expect: pass
# Linear positions in the flattened src: sum of coordinate * stride.
def gather_by_indexing(src, index, dim):
    dim = dim % src.dim()
    flat = torch.zeros(index.shape, dtype=torch.int64, device=src.device)
    stride = 1
    for d in reversed(range(src.dim())):
        if d == dim:
            coord = index
        else:
            shape = [1] * src.dim()
            shape[d] = index.size(d)
            coord = torch.arange(index.size(d), device=src.device).view(shape)
        flat = flat + coord * stride
        stride *= src.size(d)
    return src.reshape(-1)[flat]
