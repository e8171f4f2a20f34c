# expect: inputs
# message: expected requires_grad=True, got requires_grad=False
# From a held-out tester (contract-only answers).
# Right numbers, but "turns autograd off" on the model first: every parameter stops requiring grad,
# so the caller's model can no longer be trained ("that the model is left unchanged is checked too").
def network_cost(model, input_shape):
    model.requires_grad_(False)
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)

    def size(n, k, s, p, d, ceil=False):
        o = (n + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0)) // s + 1
        return o - 1 if ceil and (o - 1) * s >= n + p else o

    _, h, w = input_shape
    params = prods = 0
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            k, s, p, d = map(pair, (m.kernel_size, m.stride, m.padding, m.dilation))
            h, w = size(h, k[0], s[0], p[0], d[0]), size(w, k[1], s[1], p[1], d[1])
            params += sum(q.numel() for q in m.parameters())
            prods += m.weight.numel() * h * w
        elif isinstance(m, nn.Linear):
            params += sum(q.numel() for q in m.parameters())
            prods += m.weight.numel()
        elif isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = pair(m.kernel_size), pair(m.stride), pair(m.padding)
            d = pair(getattr(m, "dilation", 1))
            h, w = size(h, k[0], s[0], p[0], d[0], m.ceil_mode), size(w, k[1], s[1], p[1], d[1], m.ceil_mode)
    return params, prods
