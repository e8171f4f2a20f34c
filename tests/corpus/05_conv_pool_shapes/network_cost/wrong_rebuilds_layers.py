# expect: forbidden
# message: uses building a layer, which this exercise forbids
# Every convolution rebuilt to count its parameters (and run on a shape-only input to measure it).
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    _, h, w = input_shape
    params = products = 0
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            twin = nn.Conv2d(m.in_channels, m.out_channels, m.kernel_size, m.stride, m.padding, m.dilation,
                             bias=m.bias is not None, device="meta")
            (kh, kw), (sh, sw), (ph, pw), (dh, dw) = twin.kernel_size, twin.stride, twin.padding, twin.dilation
            h = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
            w = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
            params += sum(t.numel() for t in twin.parameters())
            products += twin.weight.numel() * h * w
        elif isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = pair(m.kernel_size), pair(m.stride), pair(m.padding)
            d = pair(getattr(m, "dilation", 1))
            outs = []
            for n, i in ((h, 0), (w, 1)):
                o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if m.ceil_mode else 0)) // s[i] + 1
                outs.append(o - 1 if m.ceil_mode and (o - 1) * s[i] >= n + p[i] else o)
            h, w = outs
        elif isinstance(m, nn.Linear):
            params += sum(t.numel() for t in m.parameters())
            products += m.weight.numel()
    return params, products
