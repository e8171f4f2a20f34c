# expect: inputs
# message: your function modified its input model in place
# Right numbers, but the model is moved to the meta device along the way.
def network_cost(model, input_shape):
    model.to("meta")
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = map(p2, (m.kernel_size, m.stride, m.padding))
            d = p2(getattr(m, "dilation", 1)); ceil = getattr(m, "ceil_mode", False)
            hw = []
            for i, n in enumerate((h, w)):
                o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil else 0)) // s[i] + 1
                hw.append(o - 1 if ceil and (o - 1) * s[i] >= n + p[i] else o)
            h, w = hw
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * (h * w if isinstance(m, nn.Conv2d) else 1)
    return params, products
