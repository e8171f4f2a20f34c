# expect: shape
# message: expected shape (3,), got ()
# No '->': einsum keeps only the letters that occur once, and here none does.
def batched_bilinear(x, A, y):
    return torch.einsum("bn,nm,bm", x, A, y)
