# expect: pass
# NumPy's median (a NumPy float64, which is a float); the timer in a small helper class.
import numpy as np
import time


class Stopwatch:
    def __init__(self, cuda):
        self.cuda = cuda

    def __enter__(self):
        if self.cuda:
            torch.cuda.synchronize()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        if self.cuda:
            torch.cuda.synchronize()
        self.seconds = time.perf_counter() - self.start


def median_time(fn, nb=21, warmup=3, device=None):
    cuda = isinstance(device, (str, torch.device)) and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(nb):
        with Stopwatch(cuda) as watch:
            fn()
        times.append(watch.seconds)
    return np.median(times)
