# expect: pass
# F.unfold, then one einsum over the block rows; the bias broadcast as (1, O, 1).
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    as_pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    s, p, d = as_pair(stride), as_pair(padding), as_pair(dilation)
    o, c, kh, kw = weight.shape
    blocks = F.unfold(x, (kh, kw), dilation=d, padding=p, stride=s)
    out = torch.einsum("ok,nkl->nol", weight.reshape(o, c * kh * kw), blocks)
    if bias is not None:
        out = out + bias[None, :, None]
    h_out = (x.shape[2] + 2 * p[0] - d[0] * (kh - 1) - 1) // s[0] + 1
    return out.reshape(x.shape[0], o, h_out, -1)
