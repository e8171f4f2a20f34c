# expect: values
# message: grad_w1
# message: half the right ones
def two_layer_manual(x, y, w1, w2):
    h = x @ w1
    h_relu = h.clamp(min=0)
    y_pred = h_relu @ w2
    loss = ((y_pred - y) ** 2).sum()
    grad_y_pred = y_pred - y                  # d/dy_pred of (y_pred - y)^2, without its 2
    grad_w2 = h_relu.t() @ grad_y_pred
    grad_h = (grad_y_pred @ w2.t()) * (h > 0)
    return loss, x.t() @ grad_h, grad_w2
