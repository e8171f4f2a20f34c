# expect: values
# message: only the model's direct children were visited
# model.children() instead of model.modules(): the layers inside nested blocks are never seen.
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)

    def out(n, k, s, p, d, ceil=False):
        o = (n + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0)) // s + 1
        return o - 1 if ceil and (o - 1) * s >= n + p else o

    _, h, w = input_shape
    params = products = 0
    for m in model.children():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = pair(m.kernel_size), pair(m.stride), pair(m.padding)
            d = pair(getattr(m, "dilation", 1))
            ceil = getattr(m, "ceil_mode", False)
            h, w = out(h, k[0], s[0], p[0], d[0], ceil), out(w, k[1], s[1], p[1], d[1], ceil)
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * (h * w if isinstance(m, nn.Conv2d) else 1)
    return params, products
