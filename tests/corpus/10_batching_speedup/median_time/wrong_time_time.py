# expect: structure
# message: clocks other than time.perf_counter read by your code
# message: time.time
# message: Time with time.perf_counter
def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        if cuda:
            torch.cuda.synchronize()
        start = time.time()
        fn()
        if cuda:
            torch.cuda.synchronize()
        times.append(time.time() - start)
    return statistics.median(times)
