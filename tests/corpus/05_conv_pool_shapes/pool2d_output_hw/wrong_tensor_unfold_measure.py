# expect: forbidden
# message: uses an unfold op, which this exercise forbids
# message: aten::unfold
# Tensor.unfold on a 1-D strip to count the windows (floor mode), the rest by formula.
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, p, d = p2(kernel_size), p2(padding), p2(dilation)
    s = k if stride is None else p2(stride)
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError("padding above half the kernel")
    out = []
    for i, (n, name) in enumerate(((h, "height"), (w, "width"))):
        span = d[i] * (k[i] - 1) + 1
        if ceil_mode:
            o = (n + 2 * p[i] - span + s[i] - 1) // s[i] + 1
            if (o - 1) * s[i] >= n + p[i]:
                o -= 1
        elif n + 2 * p[i] >= span:
            o = torch.empty(n + 2 * p[i], device="meta").unfold(0, span, s[i]).shape[0]
        else:
            o = 0
        if o < 1:
            raise ValueError(f"empty {name}")
        out.append(o)
    return tuple(out)
