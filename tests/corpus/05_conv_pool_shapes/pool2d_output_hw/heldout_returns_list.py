# expect: type
# message: expected a tuple, got a list
# From a held-out tester (contract-only answers).
# Right ints, but a list: the contract says "Return (h_out, w_out), a tuple of two Python ints".
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    pair = lambda v: [v, v] if isinstance(v, int) else list(v)
    k = pair(kernel_size)
    s = k if stride is None else pair(stride)
    p, d = pair(padding), pair(dilation)
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError("padding above half the kernel")
    out = []
    for i, (n, name) in enumerate(((h, "height"), (w, "width"))):
        num = n + 2 * p[i] - d[i] * (k[i] - 1) - 1
        o = (num + (s[i] - 1 if ceil_mode else 0)) // s[i] + 1
        if ceil_mode and (o - 1) * s[i] >= n + p[i]:
            o -= 1
        if o < 1:
            raise ValueError(f"empty {name}")
        out.append(o)
    return out
