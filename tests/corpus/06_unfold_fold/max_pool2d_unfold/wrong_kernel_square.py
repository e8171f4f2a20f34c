# expect: shape
# message: expected shape
# kernel_size=(kH, kW) read as a square kernel of side kH.
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    s = k if stride is None else (stride if isinstance(stride, int) else stride[0])
    p = padding if isinstance(padding, int) else padding[0]
    n, c, h, w = x.shape
    xp = F.pad(x, (p, p, p, p), value=float("-inf"))
    h_out = (h + 2 * p - k) // s + 1
    blocks = F.unfold(xp, k, stride=s).view(n, c, k * k, -1)
    return blocks.amax(dim=2).view(n, c, h_out, -1)
