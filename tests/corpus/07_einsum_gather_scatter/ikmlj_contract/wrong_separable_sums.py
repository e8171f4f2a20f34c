# expect: values
# message: wrong values
# Sums x and y separately, as if sum_l (x * y) were (sum_l x) * (sum_l y).
def ikmlj_contract(x, y, z):
    xs = x.sum(dim=(2, 3)).permute(0, 2, 1)   # (I, J, K)
    ys = y.sum(dim=1)                         # (I, J, K)
    return xs * ys * z[:, None, None]
