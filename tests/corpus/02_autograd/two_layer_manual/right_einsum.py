# expect: pass
# Index notation: every product written as an einsum, the mask as a multiplication by 0/1.
def two_layer_manual(x, y, w1, w2):
    h = torch.einsum("ni,ih->nh", x, w1)
    mask = (h > 0).to(h.dtype)
    h_relu = h * mask
    r = torch.einsum("nh,ho->no", h_relu, w2) - y
    loss = torch.sum(r ** 2)
    grad_w2 = torch.einsum("nh,no->ho", h_relu, 2 * r)
    grad_h = torch.einsum("no,ho->nh", 2 * r, w2) * mask
    grad_w1 = torch.einsum("ni,nh->ih", x, grad_h)
    return loss, grad_w1, grad_w2
