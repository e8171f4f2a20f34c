# expect: device
# message: expected device meta, got cpu
# The bias gradient built on the CPU from a list.
def linear_backward(grad_s, x, w):
    grad_b = torch.zeros(w.shape[0], dtype=w.dtype)
    grad_b += grad_s.sum(0)
    return grad_s @ w, grad_s.t() @ x, grad_b
