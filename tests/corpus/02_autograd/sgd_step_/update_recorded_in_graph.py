# expect: inputs
# message: replaced params[0] by a new object instead of updating it in place
# message: under torch.no_grad()
def sgd_step_(params, lr):
    for i in range(len(params)):
        params[i] = params[i] - lr * params[i].grad
        params[i].grad = None
