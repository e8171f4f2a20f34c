# expect: inputs
# message: expected a leaf tensor, got one computed by SubBackward0
def sgd_step_(params, lr):
    for i in range(len(params)):
        params[i] = params[i] - lr * params[i].grad
        params[i].grad = None
