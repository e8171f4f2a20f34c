# expect: values
# message: the returned time (s): wrong value
# A timed run dropped as if it were a warm-up: the median of nb - 1 durations.
def median_time(fn, nb=21, warmup=3, device=None):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:] or times)
