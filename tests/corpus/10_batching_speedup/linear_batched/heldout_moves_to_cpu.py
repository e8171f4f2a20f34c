# expect: device
# message: mixes devices
# From a held-out tester (contract-only answers).
def linear_batched(x, w, b):
    # "to be safe" everything is moved to the CPU: the result is never on the inputs' device
    return torch.addmm(b.cpu(), x.cpu(), w.t().cpu())
