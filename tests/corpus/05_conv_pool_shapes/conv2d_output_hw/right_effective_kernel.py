# expect: pass
# The effective (dilated) kernel first, then "how many strides fit after the first window".
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    as_pair = lambda v: (v, v) if isinstance(v, int) else (v[0], v[1])
    out = []
    for n, k, s, p, d, name in zip((h, w), as_pair(kernel_size), as_pair(stride), as_pair(padding),
                                   as_pair(dilation), ("height", "width")):
        span = d * (k - 1) + 1
        room = n + 2 * p - span
        if room < 0:
            raise ValueError(f"the kernel spans {span} pixels but the padded {name} is {n + 2 * p}")
        out.append(room // s + 1)
    return out[0], out[1]
