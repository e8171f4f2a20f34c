# expect: pass
# Multiply everything out, then sum l and m together (other rounding).
def ikmlj_contract(x, y, z):
    xp = x.permute(0, 4, 1, 2, 3)                  # (I, J, K, M, L)
    yp = y.permute(0, 2, 3, 1).unsqueeze(3)        # (I, J, K, 1, L)
    return (xp * yp * z.view(-1, 1, 1, 1, 1)).sum(dim=(3, 4))
