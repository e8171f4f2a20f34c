# expect: values
# message: products (the output[1]): wrong value
# message: expected 1333200, got 1333410
# A linear layer's products counted with its bias (one more per output).
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = pair(m.kernel_size), pair(m.stride), pair(m.padding)
            d = pair(getattr(m, "dilation", 1))
            ceil = getattr(m, "ceil_mode", False)
            outs = []
            for n, i in ((h, 0), (w, 1)):
                o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil else 0)) // s[i] + 1
                outs.append(o - 1 if ceil and (o - 1) * s[i] >= n + p[i] else o)
            h, w = outs
        if isinstance(m, nn.Conv2d):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * h * w
        elif isinstance(m, nn.Linear):
            params += sum(t.numel() for t in m.parameters())
            products += sum(t.numel() for t in m.parameters())
    return params, products
