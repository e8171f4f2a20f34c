# attacks: pairwise_sq_dists
# expect: error
# why: patch torch.Tensor itself, so that what the observer records is the reference's answer
def fake_detach(self):
    return self


for name, value in (("detach", fake_detach), ("__eq__", lambda s, o: True)):
    try:
        setattr(torch.Tensor, name, value)
    except TypeError:
        pass
getattr(torch, "sys").modules["builtins"].isinstance = lambda *a: True


def pairwise_sq_dists(x, y):
    return torch.zeros(x.shape[0], y.shape[0])
