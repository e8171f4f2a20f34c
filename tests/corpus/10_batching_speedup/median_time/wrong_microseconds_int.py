# expect: values
# message: the returned time (s): wrong value
def median_time(fn, nb=21, warmup=3, device=None):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        t0 = time.perf_counter_ns()
        fn()
        times.append((time.perf_counter_ns() - t0) // 1000)
    return statistics.median_low(times)
