# expect: raised
# message: cannot be multiplied
def linear_backward(grad_s, x, w):
    return grad_s @ w.t(), grad_s.t() @ x, grad_s.sum(0)
