# expect: shape
# message: expected shape
# Dilation neither passed to F.unfold nor counted in the output size.
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    s, p = pair(stride), pair(padding)
    o, c, kh, kw = weight.shape
    h_out = (x.shape[2] + 2 * p[0] - kh) // s[0] + 1
    w_out = (x.shape[3] + 2 * p[1] - kw) // s[1] + 1
    out = weight.reshape(o, -1) @ F.unfold(x, (kh, kw), padding=p, stride=s)
    if bias is not None:
        out = out + bias.view(1, -1, 1)
    return out.view(x.shape[0], o, h_out, w_out)
