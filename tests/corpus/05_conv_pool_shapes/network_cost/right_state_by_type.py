# expect: pass
# A small state machine over named_modules(), products of a conv from its output size and
# in_channels·kH·kW, ceil as math.ceil.
import math

def network_cost(model, input_shape):
    state = {"h": int(input_shape[1]), "w": int(input_shape[2])}
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)

    def advance(k, s, p, d, ceil):
        for i, key in enumerate(("h", "w")):
            n = state[key]
            x = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i]
            o = (math.ceil(x) if ceil else math.floor(x)) + 1
            if ceil and (o - 1) * s[i] >= n + p[i]:
                o -= 1
            state[key] = o

    params = products = 0
    for name, m in model.named_modules():
        if type(m) is nn.Conv2d:
            advance(p2(m.kernel_size), p2(m.stride), p2(m.padding), p2(m.dilation), False)
            params += m.weight.numel() + (0 if m.bias is None else m.bias.numel())
            products += m.out_channels * state["h"] * state["w"] * m.in_channels * m.kernel_size[0] * m.kernel_size[1]
        elif type(m) is nn.Linear:
            params += m.weight.numel() + (0 if m.bias is None else m.bias.numel())
            products += m.in_features * m.out_features
        elif type(m) in (nn.MaxPool2d, nn.AvgPool2d):
            advance(p2(m.kernel_size), p2(m.stride), p2(m.padding), p2(getattr(m, "dilation", 1)), m.ceil_mode)
    return params, products
