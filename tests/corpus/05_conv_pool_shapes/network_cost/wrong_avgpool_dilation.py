# expect: raised
# message: your function raised AttributeError
# message: 'AvgPool2d' object has no attribute 'dilation'
# Every pooling layer read as a max-pooling: nn.AvgPool2d has no dilation.
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p, d = map(pair, (m.kernel_size, m.stride, m.padding, m.dilation))
            ceil = getattr(m, "ceil_mode", False)
            outs = []
            for n, i in ((h, 0), (w, 1)):
                o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil else 0)) // s[i] + 1
                outs.append(o - 1 if ceil and (o - 1) * s[i] >= n + p[i] else o)
            h, w = outs
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * (h * w if isinstance(m, nn.Conv2d) else 1)
    return params, products
