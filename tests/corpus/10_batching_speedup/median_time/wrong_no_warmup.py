# expect: values
# message: calls of fn: wrong value
# message: no warm-up
def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    times = []
    for _ in range(nb):
        if cuda:
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
