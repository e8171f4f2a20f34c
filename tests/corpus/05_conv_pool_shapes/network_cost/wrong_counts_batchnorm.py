# expect: values
# message: every parameter of the model was counted
# message: only nn.Conv2d and nn.Linear layers count
# The parameters from model.parameters(): BatchNorm's weight and bias come along.
def network_cost(model, input_shape):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)

    def out(n, k, s, p, d, ceil=False):
        o = (n + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0)) // s + 1
        return o - 1 if ceil and (o - 1) * s >= n + p else o

    _, h, w = input_shape
    products = 0
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = pair(m.kernel_size), pair(m.stride), pair(m.padding)
            d = pair(getattr(m, "dilation", 1))
            ceil = getattr(m, "ceil_mode", False)
            h, w = out(h, k[0], s[0], p[0], d[0], ceil), out(w, k[1], s[1], p[1], d[1], ceil)
        if isinstance(m, nn.Conv2d):
            products += m.weight.numel() * h * w
        elif isinstance(m, nn.Linear):
            products += m.weight.numel()
    return sum(p.numel() for p in model.parameters()), products
