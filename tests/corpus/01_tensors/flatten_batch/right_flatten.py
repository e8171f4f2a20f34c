# expect: pass
def flatten_batch(x):
    return torch.flatten(x, start_dim=1)
