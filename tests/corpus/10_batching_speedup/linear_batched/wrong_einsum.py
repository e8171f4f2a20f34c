# expect: required
# message: does not use torch.addmm
def linear_batched(x, w, b):
    return torch.einsum("nc,dc->nd", x, w) + b
