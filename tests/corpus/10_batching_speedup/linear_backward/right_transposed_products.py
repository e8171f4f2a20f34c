# expect: pass
# The same products written from the transposed side, and a list instead of a tuple.
def linear_backward(grad_s, x, w):
    return [(w.t() @ grad_s.t()).t(), (x.t() @ grad_s).t(), grad_s.t().sum(dim=1)]
