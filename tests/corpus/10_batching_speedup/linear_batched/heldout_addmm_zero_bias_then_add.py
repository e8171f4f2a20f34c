# expect: required
# message: returns the result of AddBackward0, not the result of torch.addmm
# From a held-out tester (contract-only answers).
def linear_batched(x, w, b):
    # calls addmm, but with a zero input, and adds the bias in a second operation: not one fused addmm
    return torch.addmm(torch.zeros_like(b), x, w.t()) + b
