# expect: view
# message: expected a view of x, got a copy
def flatten_batch(x):
    return torch.stack([sample.flatten() for sample in x])
