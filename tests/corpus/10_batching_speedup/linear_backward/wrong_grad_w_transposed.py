# expect: shape
# message: grad_w (the output[1]): expected shape (2, 3), got (3, 2)
def linear_backward(grad_s, x, w):
    return grad_s @ w, x.t() @ grad_s, grad_s.sum(0)
