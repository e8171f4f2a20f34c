# attacks: pairwise_sq_dists
# expect: failed
# why: stop the profiler (and start a fresh one) so that the forbidden op is not recorded
autograd = torch.autograd


def pairwise_sq_dists(x, y):
    try:
        autograd._disable_profiler_legacy()
    except Exception:
        pass
    d = torch.cdist(x, y) ** 2
    try:
        autograd.profiler_legacy.profile().__enter__()
    except Exception:
        pass
    return d
