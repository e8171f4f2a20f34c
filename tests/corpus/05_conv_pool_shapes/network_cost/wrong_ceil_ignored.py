# expect: values
# message: ceil_mode was ignored in a pooling layer
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = pair(m.kernel_size), pair(m.stride), pair(m.padding)
            d = pair(getattr(m, "dilation", 1))
            h = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) // s[0] + 1
            w = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) // s[1] + 1
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * (h * w if isinstance(m, nn.Conv2d) else 1)
    return params, products
