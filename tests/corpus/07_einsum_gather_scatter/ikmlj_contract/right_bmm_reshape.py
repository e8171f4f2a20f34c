# expect: pass
# Every (i, j, k) is a (1, L) @ (L, 1) product: one bmm over I*J*K of them.
def ikmlj_contract(x, y, z):
    I, K, M, L, J = x.shape
    a = x.sum(dim=2).permute(0, 3, 1, 2).reshape(I * J * K, 1, L)
    b = y.permute(0, 2, 3, 1).reshape(I * J * K, L, 1)
    return torch.bmm(a, b).view(I, J, K) * z.view(I, 1, 1)
