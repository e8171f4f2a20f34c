# expect: pass
# Count the window starts in the padded strip of length L = n + 2p: floor mode keeps the starts
# whose window fits (start + span <= L); ceil mode also the one partial window, but only starts
# before n + p (inside the input or the left padding).
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    two = lambda v: [v, v] if isinstance(v, int) else list(v)
    k, p, d = two(kernel_size), two(padding), two(dilation)
    s = k if stride is None else two(stride)
    if any(p[i] > k[i] // 2 for i in range(2)):
        raise ValueError(f"pad {p} should be at most half of the kernel {k}")
    sizes = []
    for i, n in enumerate((h, w)):
        span = d[i] * (k[i] - 1) + 1
        length = n + 2 * p[i]
        end = min(length - span + s[i], n + p[i]) if ceil_mode else length - span + 1
        sizes.append(len(range(0, end, s[i])))
    for name, size in zip(("height", "width"), sizes):
        if size == 0:
            raise ValueError(f"no window fits in the {name}")
    return sizes[0], sizes[1]
