# expect: pass
# Compute the new value out of place, then copy it into the parameter's own storage.
def sgd_step_(params, lr):
    with torch.no_grad():
        for p in [q for q in params if q.grad is not None]:
            p.copy_(p - lr * p.grad)
            p.grad.zero_()
