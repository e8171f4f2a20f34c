# expect: pass
# timeit.repeat times each call with timeit.default_timer, which is time.perf_counter; its setup
# runs right before the clock starts, so it synchronises there, and the timed statement ends with one.
import timeit


def median_time(fn, nb=21, warmup=3, device=None):
    cuda = device is not None and torch.device(device).type == "cuda"
    sync = torch.cuda.synchronize if cuda else (lambda: None)

    def run():
        fn()
        sync()

    for _ in range(warmup):
        fn()
    times = timeit.repeat(run, setup=sync, repeat=nb, number=1)
    return statistics.median(times)
