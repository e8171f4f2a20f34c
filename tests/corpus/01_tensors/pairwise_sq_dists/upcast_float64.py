# expect: dtype
# message: expected dtype torch.float32, got torch.float64
def pairwise_sq_dists(x, y):
    diff = x.double()[:, None, :] - y.double()[None, :, :]  # "more precise"
    return (diff ** 2).sum(-1)
