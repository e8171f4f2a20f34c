# expect: values
# message: calls of fn
def median_time(fn, nb=21, warmup=3, device=None):
    for _ in range(warmup + 1):
        fn()
    times = []
    for _ in range(nb):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
