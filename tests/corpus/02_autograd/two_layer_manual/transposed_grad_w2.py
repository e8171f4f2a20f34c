# expect: shape
# message: grad_w2 (the output[2]): expected shape (3, 2), got (2, 3)
def two_layer_manual(x, y, w1, w2):
    h = x @ w1
    h_relu = h.clamp(min=0)
    y_pred = h_relu @ w2
    loss = ((y_pred - y) ** 2).sum()
    grad_y_pred = 2 * (y_pred - y)
    grad_w2 = grad_y_pred.t() @ h_relu        # the factors in the wrong order
    grad_h = (grad_y_pred @ w2.t()) * (h > 0)
    return loss, x.t() @ grad_h, grad_w2
