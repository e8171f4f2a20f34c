# expect: pass
# A boolean mask with torch.where, the @ operator, and the squared error as r * r.
def two_layer_manual(x, y, w1, w2):
    h = x @ w1
    active = h > 0
    h_relu = torch.where(active, h, torch.zeros_like(h))
    r = h_relu @ w2 - y
    loss = (r * r).sum()
    grad_r = 2 * r
    grad_w2 = h_relu.T @ grad_r
    grad_h = torch.where(active, grad_r @ w2.T, torch.zeros_like(h))
    grad_w1 = x.T @ grad_h
    return loss, grad_w1, grad_w2
