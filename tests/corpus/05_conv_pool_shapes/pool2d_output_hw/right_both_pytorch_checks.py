# expect: pass
# Both of PyTorch's checks, in its order (the effective kernel's, then the kernel's).
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, p, d = p2(kernel_size), p2(padding), p2(dilation)
    s = k if stride is None else p2(stride)
    for i in range(2):
        if p[i] > (d[i] * (k[i] - 1) + 1) // 2:
            raise ValueError("pad should be at most half of effective kernel size")
    if k[0] // 2 < p[0] or k[1] // 2 < p[1]:
        raise ValueError("pad should be smaller than or equal to half of kernel size")
    out = []
    for i, n in enumerate((h, w)):
        o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil_mode else 0)) // s[i] + 1
        if ceil_mode and (o - 1) * s[i] >= n + p[i]:
            o -= 1
        out.append(o)
    if out[0] < 1 or out[1] < 1:
        raise ValueError(f"Output size is too small: height {out[0]}, width {out[1]}")
    return tuple(out)
