# expect: vectorized
# message: a Python loop over the rows of x or y was detected
def pairwise_sq_dists(x, y):
    columns = [((x - y[j]) ** 2).sum(dim=1) for j in range(y.shape[0])]
    return torch.stack(columns, dim=1)
