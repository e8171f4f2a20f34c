# expect: values
# message: torch.cuda.synchronize: wrong value
# message: missing before 1 of 7 clock reads that start a timing
# The slides' pattern: a synchronize before the stop only. The warm-up's queued work is still
# running when the first timed call's clock starts.
def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        start = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
