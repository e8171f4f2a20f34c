# expect: values
# message: products (the output[1]): wrong value
# message: the nn.AvgPool2d layers were skipped
# Only nn.MaxPool2d handled: average pooling is missed.
def network_cost(model, input_shape):
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d)):
            k, s, p, d = map(p2, (m.kernel_size, m.stride, m.padding, m.dilation))
            ceil = getattr(m, "ceil_mode", False)
            hw = []
            for i, n in enumerate((h, w)):
                o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil else 0)) // s[i] + 1
                hw.append(o - 1 if ceil and (o - 1) * s[i] >= n + p[i] else o)
            h, w = hw
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * (h * w if isinstance(m, nn.Conv2d) else 1)
    return params, products
