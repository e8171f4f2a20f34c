# expect: raised
# message: your function raised RuntimeError
# message: must match the size of tensor b
def pairwise_sq_dists(x, y):
    return ((x - y) ** 2).sum(dim=1)  # only works (wrongly) when N == M
