# expect: values
# message: the mean of the timed durations
# One clock around the whole loop: the mean of the runs, not their median.
def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    if cuda:
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(nb):
        fn()
    if cuda:
        torch.cuda.synchronize()
    return (time.perf_counter() - start) / nb
