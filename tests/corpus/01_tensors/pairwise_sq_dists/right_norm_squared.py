# expect: pass
def pairwise_sq_dists(x, y):
    return torch.linalg.vector_norm(x.unsqueeze(1) - y.unsqueeze(0), dim=-1) ** 2
