# expect: values
# message: the cross term is -2 x.y
def pairwise_sq_dists(x, y):
    return (x ** 2).sum(1)[:, None] + (y ** 2).sum(1)[None, :] - x @ y.T
