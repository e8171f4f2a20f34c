# attacks: pairwise_sq_dists
# expect: error
# why: reach into memory with ctypes to flip the profiler's records or read the key
ctypes = getattr(torch, "sys").modules["ctypes"]
try:
    libc = ctypes.CDLL(None)
    libc.unshare(0)
except Exception:
    pass
try:
    ctypes.string_at(id(torch), 64)
except Exception:
    pass


def pairwise_sq_dists(x, y):
    return torch.cdist(x, y) ** 2
