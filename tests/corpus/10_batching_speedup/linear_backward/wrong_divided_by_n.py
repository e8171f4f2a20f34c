# expect: values
# message: grad_w divided by N
# An average over the batch where the gradient is a sum.
def linear_backward(grad_s, x, w):
    n = x.shape[0]
    return grad_s @ w, grad_s.t() @ x / n, grad_s.sum(0)
