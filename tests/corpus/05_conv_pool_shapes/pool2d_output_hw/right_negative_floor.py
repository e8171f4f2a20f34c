# expect: pass
# Ceiling as -(-a // b), one dimension at a time by a helper that raises with the dimension's name.
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    def pair(v):
        return tuple(v) if isinstance(v, (tuple, list)) else (v, v)

    k, p, d = pair(kernel_size), pair(padding), pair(dilation)
    s = pair(kernel_size if stride is None else stride)
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError("padding must be at most kernel_size // 2")

    def one(n, k, s, p, d, name):
        room = n + 2 * p - d * (k - 1) - 1
        out = (-(-room // s) if ceil_mode else room // s) + 1
        if ceil_mode and (out - 1) * s >= n + p:
            out -= 1
        if out < 1:
            raise ValueError(f"the {name} of the output would be {out}")
        return out

    return (one(h, k[0], s[0], p[0], d[0], "height"), one(w, k[1], s[1], p[1], d[1], "width"))
