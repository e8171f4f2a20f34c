# expect: inputs
# message: wrong values
def sgd_step_(params, lr):
    with torch.no_grad():
        for p in params:
            p.grad.zero_()
            p -= lr * p.grad
