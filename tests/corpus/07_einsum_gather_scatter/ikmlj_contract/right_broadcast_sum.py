# expect: pass
def ikmlj_contract(x, y, z):
    xs = x.sum(dim=2).permute(0, 3, 1, 2)   # (I, J, K, L)
    ys = y.permute(0, 2, 3, 1)              # (I, J, K, L)
    return (xs * ys).sum(dim=-1) * z[:, None, None]
