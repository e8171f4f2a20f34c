# expect: values
# message: the returned time (s): wrong value
# message: the mean of the timed durations, not their median
def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        if cuda:
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return sum(times) / len(times)
