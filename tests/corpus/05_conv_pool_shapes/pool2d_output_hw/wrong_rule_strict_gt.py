# expect: values
# message: a last window would start in the right padding
# The last-window rule with > instead of >=.
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, p, d = p2(kernel_size), p2(padding), p2(dilation)
    s = k if stride is None else p2(stride)
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError("padding above half the kernel")
    out = []
    for i, n in enumerate((h, w)):
        o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil_mode else 0)) // s[i] + 1
        if ceil_mode and (o - 1) * s[i] > n + p[i]:
            o -= 1
        out.append(o)
    for name, o in zip(("height", "width"), out):
        if o < 1:
            raise ValueError(f"empty {name}")
    return tuple(out)
