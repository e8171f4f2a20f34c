# expect: values
# message: the bias was left out
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    s, p, d = pair(stride), pair(padding), pair(dilation)
    o, c, kh, kw = weight.shape
    h_out = (x.shape[2] + 2 * p[0] - d[0] * (kh - 1) - 1) // s[0] + 1
    out = weight.reshape(o, -1) @ F.unfold(x, (kh, kw), dilation=d, padding=p, stride=s)
    return out.reshape(x.shape[0], o, h_out, -1)
