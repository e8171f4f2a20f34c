# attacks: pairwise_sq_dists
# expect: failed
# why: call the forbidden torch.cdist with torch-function and dispatch modes switched off, and through torch.ops
C = getattr(torch, "_" + "C")


def pairwise_sq_dists(x, y):
    with C.DisableTorchFunction(), C._DisableTorchDispatch():
        d = torch.ops.aten._euclidean_dist(x, y)
    return d ** 2
