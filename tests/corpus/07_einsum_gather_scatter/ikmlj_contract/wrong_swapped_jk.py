# expect: shape
# message: expected shape (2, 3, 4), got (2, 4, 3)
# message: Same number of elements, different shape
# Both operands aligned as (i, k, j, l): the output comes out (I, K, J).
def ikmlj_contract(x, y, z):
    xs = x.sum(dim=2).permute(0, 1, 3, 2)   # (I, K, J, L)
    ys = y.permute(0, 3, 2, 1)              # (I, K, J, L)
    return (xs * ys).sum(-1) * z[:, None, None]
