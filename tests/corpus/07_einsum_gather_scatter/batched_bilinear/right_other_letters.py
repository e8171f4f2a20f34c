# expect: pass
def batched_bilinear(x, A, y):
    return torch.einsum("ij,jk,ik->i", x, A, y)
