# expect: inputs
# message: replaced params[0] by a new object instead of updating it in place
# New leaves put into the list: the caller's tensors (a model's parameters) are not updated.
def sgd_step_(params, lr):
    for i, p in enumerate(params):
        if p.grad is not None:
            params[i] = (p - lr * p.grad).detach().requires_grad_()
