# expect: raised
# message: must match the size of tensor
# The bias added after the reshape, as (1, O, 1): it lines up with (O, H', W')'s last two dims.
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    s, p, d = pair(stride), pair(padding), pair(dilation)
    o, c, kh, kw = weight.shape
    h_out = (x.shape[2] + 2 * p[0] - d[0] * (kh - 1) - 1) // s[0] + 1
    w_out = (x.shape[3] + 2 * p[1] - d[1] * (kw - 1) - 1) // s[1] + 1
    out = (weight.reshape(o, -1) @ F.unfold(x, (kh, kw), dilation=d, padding=p, stride=s))
    out = out.view(x.shape[0], o, h_out, w_out)
    if bias is not None:
        out = out + bias.view(1, -1, 1)
    return out
