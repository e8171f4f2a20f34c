# expect: values
# message: the returned time (s): wrong value
# message: the warm-up calls were timed too
def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    times = []
    for _ in range(warmup + nb):
        if cuda:
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
