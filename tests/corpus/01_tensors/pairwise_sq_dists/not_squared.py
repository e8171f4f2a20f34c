# expect: values
# message: the distances, not squared
def pairwise_sq_dists(x, y):
    return (x[:, None] - y[None]).norm(dim=-1)
