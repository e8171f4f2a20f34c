# expect: inputs
# message: params after the call[0]: wrong values
# `p = p - lr * p.grad` (the slides' update) binds the name p to a new tensor: the parameter
# itself never changes.
def sgd_step_(params, lr):
    with torch.no_grad():
        for p in params:
            p = p - lr * p.grad
    for p in params:
        p.grad = None
