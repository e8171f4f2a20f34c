# expect: values
# message: flattened in another order
# The weight flattened channels-last, (kH, kW, C), against blocks whose rows run over (C, kH, kW).
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    s, p, d = pair(stride), pair(padding), pair(dilation)
    o, c, kh, kw = weight.shape
    h_out = (x.shape[2] + 2 * p[0] - d[0] * (kh - 1) - 1) // s[0] + 1
    out = weight.permute(0, 2, 3, 1).reshape(o, -1) @ F.unfold(x, (kh, kw), dilation=d, padding=p, stride=s)
    if bias is not None:
        out = out + bias.view(1, -1, 1)
    return out.reshape(x.shape[0], o, h_out, -1)
