# expect: pass
# perf_counter_ns (the same clock in nanoseconds); the upper of the two middle times for an even
# nb, which is a median too; a device compared through its type string.
import time as t


def median_time(fn, nb=21, warmup=3, device=None):
    on_gpu = str(device).startswith("cuda")
    for _ in range(warmup):
        fn()
    ns = []
    for _ in range(nb):
        if on_gpu:
            torch.cuda.synchronize()
        t0 = t.perf_counter_ns()
        fn()
        if on_gpu:
            torch.cuda.synchronize()
        ns.append(t.perf_counter_ns() - t0)
    return sorted(ns)[nb // 2] / 1e9
