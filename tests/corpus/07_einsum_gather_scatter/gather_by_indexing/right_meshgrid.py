# expect: pass
def gather_by_indexing(src, index, dim):
    grids = list(torch.meshgrid(*[torch.arange(n, device=src.device) for n in index.shape], indexing="ij"))
    grids[dim] = index
    return src[tuple(grids)]
