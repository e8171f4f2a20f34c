# expect: autograd
# message: expected a tensor that requires grad
def pairwise_sq_dists(x, y):
    with torch.no_grad():  # "it is only a distance"
        return ((x[:, None] - y[None]) ** 2).sum(-1)
