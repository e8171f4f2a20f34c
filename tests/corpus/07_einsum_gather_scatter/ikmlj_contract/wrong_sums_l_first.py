# expect: raised
# message: your function raised RuntimeError
# message: must match the size
# x summed over its dimension 3 (l) instead of 2 (m): m is left where l should be.
def ikmlj_contract(x, y, z):
    xs = x.sum(dim=3).permute(0, 3, 1, 2)   # meant (I, J, K, L), is (I, J, K, M)
    ys = y.permute(0, 2, 3, 1)              # (I, J, K, L)
    return (xs * ys).sum(dim=-1) * z[:, None, None]
