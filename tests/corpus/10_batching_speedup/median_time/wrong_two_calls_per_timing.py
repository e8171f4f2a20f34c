# expect: values
# message: calls of fn
def median_time(fn, nb=21, warmup=3, device=None):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        t0 = time.perf_counter()
        fn()
        fn()
        times.append((time.perf_counter() - t0) / 2)
    return statistics.median(times)
