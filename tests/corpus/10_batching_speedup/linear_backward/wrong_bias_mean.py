# expect: values
# message: grad_b (the output[2]): wrong values
# message: the SUM over the samples
def linear_backward(grad_s, x, w):
    return grad_s @ w, grad_s.t() @ x, grad_s.mean(dim=0)
