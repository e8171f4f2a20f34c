# expect: pass
# statistics.median_low; one synchronize after the warm-up, then one after each call (the GPU is idle
# at every start: the stop's synchronize of the previous call came after the last work).
from time import perf_counter as clock


def median_time(fn, nb=21, warmup=3, device=None):
    gpu = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    if gpu:
        torch.cuda.synchronize(device)
    times = []
    for _ in range(nb):
        t0 = clock()
        fn()
        if gpu:
            torch.cuda.synchronize(device)
        times.append(clock() - t0)
    return statistics.median_low(times)
