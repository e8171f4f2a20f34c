# expect: values
# message: loss (the output[0]): wrong values
# message: the mean
def two_layer_manual(x, y, w1, w2):
    h = x @ w1
    h_relu = torch.relu(h)
    y_pred = h_relu @ w2
    loss = ((y_pred - y) ** 2).mean()
    grad_y_pred = 2.0 * (y_pred - y) / y_pred.numel()
    grad_w2 = h_relu.t() @ grad_y_pred
    grad_h = torch.where(h > 0, grad_y_pred @ w2.t(), torch.zeros_like(h))
    return loss, x.t() @ grad_h, grad_w2
