# expect: vectorized
# message: a Python loop over the samples was detected
def ikmlj_contract(x, y, z):
    outs = []
    for i in range(x.shape[0]):
        xi = x[i].sum(dim=1).permute(2, 0, 1)   # (J, K, L)
        yi = y[i].permute(1, 2, 0)              # (J, K, L)
        outs.append((xi * yi).sum(-1) * z[i])
    return torch.stack(outs)
