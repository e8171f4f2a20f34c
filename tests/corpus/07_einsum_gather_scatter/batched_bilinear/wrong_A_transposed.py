# expect: raised
# message: your function raised ValueError
# message: Size of label 'n'
# A's subscripts in the wrong order: A is (N, M), not (M, N).
def batched_bilinear(x, A, y):
    return torch.einsum("bn,mn,bm->b", x, A, y)
