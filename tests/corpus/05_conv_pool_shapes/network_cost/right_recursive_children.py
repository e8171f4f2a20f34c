# expect: pass
# A recursive walk over children() (the same depth-first order as modules()), the state (H, W)
# passed along, ceil mode as -(-a // s).
def network_cost(model, input_shape):
    two = lambda v: (v, v) if isinstance(v, int) else (v[0], v[1])

    def out(n, k, s, p, d, ceil=False):
        room = n + 2 * p - d * (k - 1) - 1
        o = (-(-room // s) if ceil else room // s) + 1
        return o - 1 if ceil and (o - 1) * s >= n + p else o

    def walk(module, hw):
        params = products = 0
        if isinstance(module, nn.Conv2d):
            k, s, p, d = map(two, (module.kernel_size, module.stride, module.padding, module.dilation))
            hw = tuple(out(hw[i], k[i], s[i], p[i], d[i]) for i in range(2))
            weight = module.out_channels * module.in_channels * k[0] * k[1]
            return weight + (module.out_channels if module.bias is not None else 0), weight * hw[0] * hw[1], hw
        if isinstance(module, nn.Linear):
            weight = module.in_features * module.out_features
            return weight + (module.out_features if module.bias is not None else 0), weight, hw
        if isinstance(module, nn.MaxPool2d):
            k, s, p, d = map(two, (module.kernel_size, module.stride, module.padding, module.dilation))
            return 0, 0, tuple(out(hw[i], k[i], s[i], p[i], d[i], module.ceil_mode) for i in range(2))
        if isinstance(module, nn.AvgPool2d):
            k, s, p = map(two, (module.kernel_size, module.stride, module.padding))
            return 0, 0, tuple(out(hw[i], k[i], s[i], p[i], 1, module.ceil_mode) for i in range(2))
        for child in module.children():
            a, b, hw = walk(child, hw)
            params, products = params + a, products + b
        return params, products, hw

    params, products, _ = walk(model, (input_shape[1], input_shape[2]))
    return params, products
