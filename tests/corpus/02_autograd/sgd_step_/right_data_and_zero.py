# expect: pass
# Through .data (not recorded by autograd), and the gradients zeroed in place rather than dropped.
def sgd_step_(params, lr):
    for p in params:
        if p.grad is None:
            continue
        p.data.sub_(lr * p.grad.data)
        p.grad.zero_()
