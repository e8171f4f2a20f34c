# expect: raised
# message: your function raised RuntimeError
# message: index (2, 3, 6) smaller than src (3, 5, 4)
# take_along_dim broadcasts index against src instead of reading src's leading part:
# it is not gather when index is smaller than src in the other dimensions.
def gather_by_indexing(src, index, dim):
    return torch.take_along_dim(src, index, dim=dim)
