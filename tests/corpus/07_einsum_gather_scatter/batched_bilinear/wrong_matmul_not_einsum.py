# expect: required
# message: does not use torch.einsum
# message: torch.einsum('bn,nm,bm->b', x, A, y)
# Right numbers, but the exercise asks for einsum.
def batched_bilinear(x, A, y):
    return ((x @ A) * y).sum(dim=1)
