# expect: pass
# The index formulas of the notebook, written with einsum.
def linear_backward(grad_s, x, w):
    grad_x = torch.einsum("nd,dc->nc", grad_s, w)
    grad_w = torch.einsum("nd,nc->dc", grad_s, x)
    grad_b = torch.einsum("nd->d", grad_s)
    return grad_x, grad_w, grad_b
