# expect: forbidden
# message: uses a pooling op, which this exercise forbids
# message: aten::max_pool1d
# The blocks are unfolded by hand, but the max over each block is a 1-d max pooling.
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k = pair(kernel_size)
    s = k if stride is None else pair(stride)
    p = pair(padding)
    n, c, h, w = x.shape
    xp = F.pad(x, (p[1], p[1], p[0], p[0]), value=float("-inf"))
    blocks = F.unfold(xp, k, stride=s)                        # (N, C·kH·kW, L)
    L = blocks.shape[-1]
    rows = blocks.view(n, c, k[0] * k[1], L).permute(0, 1, 3, 2).reshape(n * c * L, 1, k[0] * k[1])
    best = F.max_pool1d(rows, k[0] * k[1])                   # (N·C·L, 1, 1)
    h_out = (h + 2 * p[0] - k[0]) // s[0] + 1
    return best.view(n, c, h_out, -1)
