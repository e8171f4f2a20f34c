# expect: values
# message: products (the output[1]): wrong value
# message: an nn.AvgPool2d with padding and ceil_mode
# ceil_mode read in the max-pooling branch only: average pooling rounds up as well.
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)

    def size(n, k, s, p, d, ceil):
        o = (n + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0)) // s + 1
        return o - 1 if ceil and (o - 1) * s >= n + p else o

    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            k, s, p, d = map(pair, (m.kernel_size, m.stride, m.padding, m.dilation))
            h, w = size(h, k[0], s[0], p[0], d[0], False), size(w, k[1], s[1], p[1], d[1], False)
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel() * h * w
        elif isinstance(m, nn.MaxPool2d):
            k, s, p, d = map(pair, (m.kernel_size, m.stride, m.padding, m.dilation))
            h, w = size(h, k[0], s[0], p[0], d[0], m.ceil_mode), size(w, k[1], s[1], p[1], d[1], m.ceil_mode)
        elif isinstance(m, nn.AvgPool2d):
            k, s, p = map(pair, (m.kernel_size, m.stride, m.padding))
            h, w = size(h, k[0], s[0], p[0], 1, False), size(w, k[1], s[1], p[1], 1, False)
        elif isinstance(m, nn.Linear):
            params += sum(t.numel() for t in m.parameters())
            products += m.in_features * m.out_features
    return params, products
