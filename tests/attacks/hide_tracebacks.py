# attacks: pairwise_sq_dists
# expect: failed
# why: silence every error IPython would show, so a failing test cell looks like a passing one
ip = get_ipython()
ip.showtraceback = lambda *a, **k: None
ip.showsyntaxerror = lambda *a, **k: None
ip.set_custom_exc((BaseException,), lambda *a, **k: None)
getattr(torch, "sys").excepthook = lambda *a: None


def pairwise_sq_dists(x, y):
    raise AssertionError("wrong, but nobody will see it")
