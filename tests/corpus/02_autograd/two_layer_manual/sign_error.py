# expect: values
# message: wrong sign
def two_layer_manual(x, y, w1, w2):
    h = x @ w1
    h_relu = h.clamp(min=0)
    y_pred = h_relu @ w2
    loss = ((y - y_pred) ** 2).sum()
    grad_y_pred = 2 * (y - y_pred)            # the derivative of the inside, y - y_pred, is -1
    grad_w2 = h_relu.t() @ grad_y_pred
    grad_h = (grad_y_pred @ w2.t()) * (h > 0)
    return loss, x.t() @ grad_h, grad_w2
