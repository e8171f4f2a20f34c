# expect: shape
# message: expected shape (2, 9), got (9, 2)
def pairwise_sq_dists(x, y):
    return ((x[None, :, :] - y[:, None, :]) ** 2).sum(-1)
