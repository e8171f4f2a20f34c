# expect: shape
# message: grad_b (the output[2]): expected shape (2,), got (4,)
def linear_backward(grad_s, x, w):
    return grad_s @ w, grad_s.t() @ x, grad_s.sum(1)
