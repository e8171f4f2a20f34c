# expect: forbidden
# message: uses torch.cdist, which this exercise forbids
# message: aten::_euclidean_dist
def pairwise_sq_dists(x, y):
    return torch.ops.aten._euclidean_dist(x, y) ** 2  # what cdist calls inside
