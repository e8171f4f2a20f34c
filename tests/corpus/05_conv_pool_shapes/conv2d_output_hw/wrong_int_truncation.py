# expect: error
# message: expected ValueError, got a result
# message: a 2×9 input, kernel 3, stride 2
# int() of a true division truncates toward zero: (-1)/2 → 0, an empty output reported as 1.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, s, p, d = map(p2, (kernel_size, stride, padding, dilation))
    out = [int((n + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i]) + 1 for i, n in enumerate((h, w))]
    for name, o in zip(("height", "width"), out):
        if o < 1:
            raise ValueError(f"empty {name}")
    return tuple(out)
