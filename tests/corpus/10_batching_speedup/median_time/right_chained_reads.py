# expect: pass
# One clock read between two timed calls serves as the stop of one and the start of the next;
# `from time import perf_counter`; statistics.median (the mean of the two middle times for an even nb).
from time import perf_counter


def median_time(fn, nb=21, warmup=3, device=None):
    def sync():
        if device is not None and torch.device(device).type == "cuda":
            torch.cuda.synchronize()

    for _ in range(warmup):
        fn()
    sync()
    stamps = [perf_counter()]
    for _ in range(nb):
        fn()
        sync()
        stamps.append(perf_counter())
    return statistics.median(b - a for a, b in zip(stamps, stamps[1:]))
