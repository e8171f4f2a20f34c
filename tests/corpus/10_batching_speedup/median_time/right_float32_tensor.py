# expect: pass
# The lecture's own way: a float32 tensor of times and .median().item() (float32 rounds the
# durations by about 1e-7 of their value: within the tolerance).
def median_time(fn, nb=21, warmup=3, device=None):
    sync = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    t = torch.zeros(nb)
    for u in range(nb):
        if sync:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        fn()
        if sync:
            torch.cuda.synchronize()
        t[u] = time.perf_counter() - t0
    return t.median().item()
