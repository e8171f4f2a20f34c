# expect: values
# message: padded with zeros
# F.unfold's own padding: zeros, which beat every negative value at the border.
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k = pair(kernel_size)
    s = k if stride is None else pair(stride)
    p = pair(padding)
    n, c, h, w = x.shape
    h_out = (h + 2 * p[0] - k[0]) // s[0] + 1
    w_out = (w + 2 * p[1] - k[1]) // s[1] + 1
    blocks = F.unfold(x, k, padding=p, stride=s).view(n, c, k[0] * k[1], -1)
    return blocks.max(dim=2).values.view(n, c, h_out, w_out)
