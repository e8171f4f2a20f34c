# expect: forbidden
# message: uses torch.cdist, which this exercise forbids
def pairwise_sq_dists(x, y):
    return torch.cdist(x, y).pow(2)
