# expect: shape
# message: expected shape
# The output size written as ceil((H + 2p - k) / s) + 1 on the padded image, then cropped to it.
import math

def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k = pair(kernel_size)
    s = k if stride is None else pair(stride)
    p = pair(padding)
    n, c, h, w = x.shape
    h_out = math.ceil((h + 2 * p[0] - k[0]) / s[0]) + 1
    w_out = math.ceil((w + 2 * p[1] - k[1]) / s[1]) + 1
    extra_h = max(0, (h_out - 1) * s[0] + k[0] - h - 2 * p[0])
    extra_w = max(0, (w_out - 1) * s[1] + k[1] - w - 2 * p[1])
    xp = F.pad(x, (p[1], p[1] + extra_w, p[0], p[0] + extra_h), value=float("-inf"))
    blocks = F.unfold(xp, k, stride=s).view(n, c, k[0] * k[1], -1)
    return blocks.amax(dim=2).view(n, c, h_out, w_out)
