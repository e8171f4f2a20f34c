# expect: values
# message: the pooling layers were skipped
# Pooling counts nothing, so it was left out of the walk altogether, and with it the shrinking of H, W.
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            (kh, kw), (sh, sw), (ph, pw), (dh, dw) = map(pair, (m.kernel_size, m.stride, m.padding, m.dilation))
            h = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
            w = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * h * w
        elif isinstance(m, nn.Linear):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel()
    return params, products
