# expect: autograd
# message: uses autograd, which this exercise forbids
def linear_backward(grad_s, x, w):
    x = x.detach().requires_grad_()
    w = w.detach().requires_grad_()
    b = torch.zeros(w.shape[0], dtype=w.dtype, device=w.device, requires_grad=True)
    s = x @ w.t() + b
    return torch.autograd.grad(s, (x, w, b), grad_s)
