# expect: type
# message: the returned time (s): expected a float
# message: .item()
# The slides' t.median() without .item(): a tensor, not a float.
def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    t = torch.zeros(nb, dtype=torch.float64)
    for u in range(nb):
        if cuda:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize()
        t[u] = time.perf_counter() - t0
    return t.median()
