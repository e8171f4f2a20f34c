# expect: pass
def pairwise_sq_dists(x, y):
    diff = x.unsqueeze(1) - y.unsqueeze(0)
    return torch.einsum("nmd,nmd->nm", diff, diff)
