# expect: raised
# message: visible check
# message: view size is not compatible
# Channels folded into the batch with .view on the padded input: F.pad keeps a channels-last input
# channels-last, and a view of it as (N*C, 1, H, W) does not exist (with C = 1 it would: the visible
# case with C = 3 is what shows it).
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k = pair(kernel_size)
    s = k if stride is None else pair(stride)
    p = pair(padding)
    xp = F.pad(x, (p[1], p[1], p[0], p[0]), value=-float("inf"))
    n, c, h, w = xp.shape
    blocks = F.unfold(xp.view(n * c, 1, h, w), k, stride=s)   # (N*C, kH*kW, L)
    h_out, w_out = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
    return blocks.max(dim=1).values.view(n, c, h_out, w_out)
