# expect: pass
# One sample at a time, summing the outer products: slow, but the contract does not ask for
# vectorization here.
def linear_backward(grad_s, x, w):
    grad_x = torch.empty_like(x)
    grad_w = torch.zeros_like(w)
    grad_b = torch.zeros(w.shape[0], dtype=w.dtype, device=w.device)
    for n in range(x.shape[0]):
        grad_x[n] = w.t() @ grad_s[n]
        grad_w += torch.outer(grad_s[n], x[n])
        grad_b += grad_s[n]
    return grad_x, grad_w, grad_b
