# expect: pass
# The padded image built with new_full(-inf) and slice assignment, then F.unfold and max(dim).values.
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k = pair(kernel_size)
    s = k if stride is None else pair(stride)
    p = pair(padding)
    n, c, h, w = x.shape
    padded = x.new_full((n, c, h + 2 * p[0], w + 2 * p[1]), float("-inf"))
    padded[:, :, p[0]:p[0] + h, p[1]:p[1] + w] = x
    blocks = F.unfold(padded, k, stride=s)                    # (N, C·kH·kW, L)
    h_out = (h + 2 * p[0] - k[0]) // s[0] + 1
    best = blocks.unflatten(1, (c, k[0] * k[1])).max(dim=2).values  # (N, C, L)
    return best.unflatten(2, (h_out, -1))
