# expect: pass
# As torch.optim.SGD writes it: add_ with alpha=-lr.
@torch.no_grad()
def sgd_step_(params, lr):
    for p in params:
        if p.grad is not None:
            p.add_(p.grad, alpha=-lr)
            p.grad = None
