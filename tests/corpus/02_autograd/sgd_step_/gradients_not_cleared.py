# expect: inputs
# message: expected no gradient (None or zeros), got nonzero values
# message: Gradients accumulate
def sgd_step_(params, lr):
    with torch.no_grad():
        for p in params:
            p.sub_(lr * p.grad)
