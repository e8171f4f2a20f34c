# expect: inputs
# message: params after the call[0]: wrong values
# PyTorch.Next's advice, x.data.zero_(), zeroes the weights instead of their gradients.
def sgd_step_(params, lr):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.data.zero_()
