# expect: error
# message: expected ValueError, got a result
# The sizes are right, but a padding above half the kernel is accepted.
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, p, d = pair(kernel_size), pair(padding), pair(dilation)
    s = pair(kernel_size if stride is None else stride)
    sizes = []
    for i, n in enumerate((h, w)):
        out = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil_mode else 0)) // s[i] + 1
        if ceil_mode and (out - 1) * s[i] >= n + p[i]:
            out -= 1
        sizes.append(out)
    for name, size in zip(("height", "width"), sizes):
        if size < 1:
            raise ValueError(f"empty output {name}")
    return tuple(sizes)
