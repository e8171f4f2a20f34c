# expect: vectorized
# message: a Python loop over the rows of x or y was detected
def pairwise_sq_dists(x, y):
    return torch.stack([((row - y) ** 2).sum(1) for row in x])
