# expect: raised
# message: your function raised ValueError
# Pooling's padding limit applied to a convolution.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, s, p, d = map(p2, (kernel_size, stride, padding, dilation))
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError("padding too large")
    out = [(n + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i, n in enumerate((h, w))]
    for name, o in zip(("height", "width"), out):
        if o < 1:
            raise ValueError(f"empty {name}")
    return tuple(out)
