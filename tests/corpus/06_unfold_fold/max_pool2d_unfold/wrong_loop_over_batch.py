# expect: vectorized
# message: a Python loop over the samples was detected
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k = pair(kernel_size)
    s = k if stride is None else pair(stride)
    p = pair(padding)
    c, h, w = x.shape[1:]
    h_out = (h + 2 * p[0] - k[0]) // s[0] + 1
    out = []
    for i in range(x.shape[0]):
        xi = F.pad(x[i], (p[1], p[1], p[0], p[0]), value=float("-inf"))
        blocks = F.unfold(xi.unsqueeze(0), k, stride=s).view(c, k[0] * k[1], -1)
        out.append(blocks.amax(dim=1).view(c, h_out, -1))
    return torch.stack(out)
