# expect: structure
# message: time.monotonic
def median_time(fn, nb=21, warmup=3, device=None):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        t0 = time.monotonic()
        fn()
        times.append(time.monotonic() - t0)
    return statistics.median(times)
