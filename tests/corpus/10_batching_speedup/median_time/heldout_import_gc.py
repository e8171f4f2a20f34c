# expect: scan
# message: importing gc is not allowed in graded code
# From a held-out tester (contract-only answers).
import gc


def median_time(fn, nb=21, warmup=3, device=None):
    # switches the garbage collector off, which the contract forbids ("the grader refuses import gc")
    cuda = device is not None and torch.device(device).type == "cuda"
    for _ in range(warmup):
        fn()
    times = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(nb):
            if cuda:
                torch.cuda.synchronize()
            t0 = time.perf_counter()
            fn()
            if cuda:
                torch.cuda.synchronize()
            times.append(time.perf_counter() - t0)
    finally:
        if was_enabled:
            gc.enable()
    return statistics.median(times)
