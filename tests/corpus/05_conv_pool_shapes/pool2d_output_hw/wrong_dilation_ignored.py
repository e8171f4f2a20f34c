# expect: values
# message: the dilation was left out
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, p = pair(kernel_size), pair(padding)
    s = pair(kernel_size if stride is None else stride)
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError("padding above half the kernel")
    sizes = []
    for i, n in enumerate((h, w)):
        out = (n + 2 * p[i] - k[i] + (s[i] - 1 if ceil_mode else 0)) // s[i] + 1
        if ceil_mode and (out - 1) * s[i] >= n + p[i]:
            out -= 1
        sizes.append(out)
    for name, size in zip(("height", "width"), sizes):
        if size < 1:
            raise ValueError(f"empty output {name}")
    return tuple(sizes)
