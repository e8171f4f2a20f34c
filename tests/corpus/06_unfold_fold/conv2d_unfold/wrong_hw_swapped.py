# expect: values
# message: laid out as (W', H')
# The L = H'·W' blocks reshaped as (W', H') and transposed back: right shape, wrong order.
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    s, p, d = pair(stride), pair(padding), pair(dilation)
    n = x.shape[0]
    o, c, kh, kw = weight.shape
    h_out = (x.shape[2] + 2 * p[0] - d[0] * (kh - 1) - 1) // s[0] + 1
    w_out = (x.shape[3] + 2 * p[1] - d[1] * (kw - 1) - 1) // s[1] + 1
    out = weight.reshape(o, -1) @ F.unfold(x, (kh, kw), dilation=d, padding=p, stride=s)
    if bias is not None:
        out = out + bias.view(1, -1, 1)
    return out.view(n, o, w_out, h_out).transpose(2, 3)
