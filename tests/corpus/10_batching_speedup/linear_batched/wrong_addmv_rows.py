# expect: required
# message: does not use torch.addmm
def linear_batched(x, w, b):
    return torch.stack([torch.addmv(b, w, row) for row in x])
