# expect: values
# message: clock reads that start a timing
def median_time(fn, nb=21, warmup=3, device=None):
    gpu = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        t0 = time.perf_counter()
        if gpu:
            torch.cuda.synchronize()
        fn()
        if gpu:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
