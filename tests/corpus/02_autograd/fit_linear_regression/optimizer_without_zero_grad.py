# expect: values
# message: gradient accumulation
def fit_linear_regression(x, y, lr, steps):
    w = torch.zeros(x.shape[1], dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    for _ in range(steps):
        loss = F.mse_loss(x @ w + b, y)
        loss.backward()
        optimizer.step()
    return w.detach(), b.detach()
