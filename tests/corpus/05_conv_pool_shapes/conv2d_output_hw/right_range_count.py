# expect: pass
# Count the window positions: a window starts every `stride` rows of the padded image, as long as
# its last row (dilation·(k − 1) further) is inside. The error names the dimension in capitals.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    def two(v):
        return [v, v] if isinstance(v, int) else list(v)
    k, s, p, d = two(kernel_size), two(stride), two(padding), two(dilation)
    sizes = []
    for i, (n, name) in enumerate(((h, "Height"), (w, "Width"))):
        positions = len(range(0, n + 2 * p[i] - d[i] * (k[i] - 1), s[i]))
        if positions == 0:
            raise ValueError(f"{name}: the dilated kernel does not fit in {n} + 2·{p[i]} pixels")
        sizes.append(positions)
    return tuple(sizes)
