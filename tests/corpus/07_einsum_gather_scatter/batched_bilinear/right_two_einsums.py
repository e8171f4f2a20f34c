# expect: pass
def batched_bilinear(x, A, y):
    xa = torch.einsum("bn,nm->bm", x, A)
    return torch.einsum("bm,bm->b", xa, y)
