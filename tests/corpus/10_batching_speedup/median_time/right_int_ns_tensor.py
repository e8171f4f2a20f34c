# expect: pass
# Nanoseconds in an int64 tensor, its (lower) median, in seconds; the timer as a nested helper;
# the device's type read with getattr.
def median_time(fn, nb=21, warmup=3, device=None):
    kind = getattr(device, "type", device)
    gpu = isinstance(kind, str) and kind.startswith("cuda")

    def one():
        if gpu:
            torch.cuda.synchronize()
        start = time.perf_counter_ns()
        fn()
        if gpu:
            torch.cuda.synchronize()
        return time.perf_counter_ns() - start

    while warmup > 0:
        fn()
        warmup -= 1
    ns = torch.tensor([one() for _ in range(nb)], dtype=torch.int64)
    return ns.median().item() / 1e9
