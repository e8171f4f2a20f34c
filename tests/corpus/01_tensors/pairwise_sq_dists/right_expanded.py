# expect: pass
def pairwise_sq_dists(x, y):
    sq = (x * x).sum(1, keepdim=True) + (y * y).sum(1)[None, :] - 2 * x @ y.T
    return sq.clamp(min=0)
