# expect: values
# message: the returned time (s): wrong value
# The mean of the two values around the middle, also for an odd nb (wrong there).
def median_time(fn, nb=21, warmup=3, device=None):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    s = sorted(times)
    return (s[(nb - 1) // 2] + s[min(nb // 2 + 1, nb - 1)]) / 2
