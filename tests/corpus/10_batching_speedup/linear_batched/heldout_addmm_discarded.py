# expect: required
# message: returns the result of AddBackward0, not the result of torch.addmm
# From a held-out tester (contract-only answers).
def linear_batched(x, w, b):
    torch.addmm(b, x, w.t())  # "the checker wants addmm"
    return x @ w.t() + b      # the result actually returned is not the fused one
