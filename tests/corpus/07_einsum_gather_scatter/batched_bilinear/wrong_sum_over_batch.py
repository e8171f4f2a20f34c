# expect: shape
# message: expected shape (3,), got (3, 3)
# Different letters for the two batch dimensions: every x[b] with every y[c].
def batched_bilinear(x, A, y):
    return torch.einsum("bn,nm,cm->bc", x, A, y)
