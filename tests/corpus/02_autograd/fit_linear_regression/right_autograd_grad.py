# expect: pass
# torch.autograd.grad returns the gradients instead of accumulating them in .grad: nothing to clear.
def fit_linear_regression(x, y, lr, steps):
    w = x.new_zeros(x.shape[1])
    b = x.new_zeros(())
    for _ in range(steps):
        w.requires_grad_()
        b.requires_grad_()
        loss = (torch.addmv(b.expand(len(y)), x, w) - y).pow(2).sum() / len(y)
        grad_w, grad_b = torch.autograd.grad(loss, (w, b))
        w = (w - lr * grad_w).detach()
        b = (b - lr * grad_b).detach()
    return w, b
