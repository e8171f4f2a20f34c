# expect: dtype
# message: expected dtype torch.float32, got torch.float64
def linear_backward(grad_s, x, w):
    g, x, w = grad_s.double(), x.double(), w.double()
    return g @ w, g.t() @ x, g.sum(0)
