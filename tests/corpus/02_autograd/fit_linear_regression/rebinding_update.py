# expect: raised
# message: NoneType
# The slides' `w1 = w1 - learning_rate * w1.grad`: after the first step w is no longer a leaf,
# and the next backward leaves its .grad empty.
def fit_linear_regression(x, y, lr, steps):
    w = torch.zeros(x.shape[1], dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        w = w - lr * w.grad
        b = b - lr * b.grad
    return w.detach(), b.detach()
