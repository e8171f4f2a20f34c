# expect: autograd
# message: uses autograd
def linear_backward(grad_s, x, w):
    b = torch.zeros(w.shape[0], dtype=w.dtype, device=w.device)
    _, vjp = torch.func.vjp(lambda x, w, b: x @ w.t() + b, x, w, b)
    return vjp(grad_s)
