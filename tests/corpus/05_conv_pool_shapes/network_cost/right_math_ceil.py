# expect: pass
# named_modules() with math.floor / math.ceil; the parameters counted from the weight and the bias.
import math

def network_cost(model, input_shape):
    def pair(v):
        return (v, v) if isinstance(v, int) else tuple(v)

    h, w = int(input_shape[-2]), int(input_shape[-1])
    total_params = total_products = 0
    for _, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = pair(m.kernel_size), pair(m.stride), pair(m.padding)
            d = pair(m.dilation) if hasattr(m, "dilation") else (1, 1)
            ceil = getattr(m, "ceil_mode", False)
            sizes = []
            for n, ki, si, pi, di in zip((h, w), k, s, p, d):
                o = (math.ceil if ceil else math.floor)((n + 2 * pi - di * (ki - 1) - 1) / si) + 1
                if ceil and (o - 1) * si >= n + pi:
                    o -= 1
                sizes.append(o)
            h, w = sizes
        if isinstance(m, nn.Conv2d):
            total_params += m.weight.numel() + (m.bias.numel() if m.bias is not None else 0)
            total_products += m.weight.numel() * h * w
        elif isinstance(m, nn.Linear):
            total_params += m.weight.numel() + (m.bias.numel() if m.bias is not None else 0)
            total_products += m.weight.numel()
    return total_params, total_products
