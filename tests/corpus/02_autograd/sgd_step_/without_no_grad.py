# expect: raised
# message: a leaf Variable that requires grad is being used in an in-place operation
def sgd_step_(params, lr):
    for p in params:
        p -= lr * p.grad
        p.grad = None
