# expect: values
# message: grad_w1 (the output[1]): wrong values
# message: without the ReLU mask
# The mask is tested on h_relu, which is never negative: nothing is masked.
def two_layer_manual(x, y, w1, w2):
    h = x.mm(w1)
    h_relu = h.clamp(min=0)
    y_pred = h_relu.mm(w2)
    loss = (y_pred - y).pow(2).sum()
    grad_y_pred = 2.0 * (y_pred - y)
    grad_w2 = h_relu.t().mm(grad_y_pred)
    grad_h = grad_y_pred.mm(w2.t()).clone()
    grad_h[h_relu < 0] = 0
    return loss, x.t().mm(grad_h), grad_w2
