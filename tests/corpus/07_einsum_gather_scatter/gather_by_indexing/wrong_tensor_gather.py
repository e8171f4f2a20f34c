# expect: forbidden
# message: uses torch.gather, which this exercise forbids
# message: aten::gather
def gather_by_indexing(src, index, dim):
    return src.gather(dim, index)
