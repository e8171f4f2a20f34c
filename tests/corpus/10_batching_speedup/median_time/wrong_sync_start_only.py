# expect: values
# message: torch.cuda.synchronize: wrong value
# message: missing before 7 of 7 clock reads that stop a timing
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
        times.append(time.perf_counter() - start)
    return statistics.median(times)
