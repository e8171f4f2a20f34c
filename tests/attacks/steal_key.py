# attacks: pairwise_sq_dists
# expect: error
# why: find the signing key in the grader's frames and objects, then sign a passing observation
sys = getattr(torch, "sys")
found = []
try:
    frame = sys._getframe()
    while frame is not None:
        found.append(dict(frame.f_locals))
        frame = frame.f_back
except Exception:
    pass
try:
    gc = sys.modules["gc"]
    found.extend(o for o in gc.get_objects() if isinstance(o, bytes) and len(o) == 32)
except Exception:
    pass
try:
    found.append(open("/proc/self/mem", "rb").read(16))
except Exception:
    pass


def pairwise_sq_dists(x, y):
    return torch.zeros(x.shape[0], y.shape[0])
