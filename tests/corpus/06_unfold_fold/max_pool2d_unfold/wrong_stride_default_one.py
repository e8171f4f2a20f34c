# expect: shape
# message: expected shape
# Convolution's default stride (1), not pooling's (the kernel size).
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, s, p = pair(kernel_size), pair(stride or 1), pair(padding)
    n, c, h, w = x.shape
    xp = F.pad(x, (p[1], p[1], p[0], p[0]), value=float("-inf"))
    h_out = (h + 2 * p[0] - k[0]) // s[0] + 1
    blocks = F.unfold(xp, k, stride=s).view(n, c, k[0] * k[1], -1)
    return blocks.amax(dim=2).view(n, c, h_out, -1)
