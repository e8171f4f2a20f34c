# expect: pass
# An explicit chain rule with other ops (full_like, addcmul, mul), node by node from L back.
def toy_graph_grads(a, w1, w2, w3, w4):
    b = torch.mul(w1, a)
    c = torch.mul(w2, a)
    grad_d = torch.full_like(a, -1.0)
    grad_b = grad_d * w3
    grad_c = grad_d * w4
    grad_a = torch.addcmul(grad_b * w1, grad_c, w2)
    return [grad_a, grad_b * a, grad_c * a, grad_d * b, grad_d * c]  # a list is accepted too
