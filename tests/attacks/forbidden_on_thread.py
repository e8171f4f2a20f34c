# attacks: pairwise_sq_dists
# expect: error
# why: compute the forbidden torch.cdist on another thread, out of the profiler's sight
threading = getattr(torch, "sys").modules["threading"]


def pairwise_sq_dists(x, y):
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("d", torch.cdist(x, y) ** 2))
    worker.start()
    worker.join()
    return box["d"]
