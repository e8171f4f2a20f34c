# expect: vectorized
# message: a Python loop over the samples was detected
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    s, p, d = pair(stride), pair(padding), pair(dilation)
    o, c, kh, kw = weight.shape
    h_out = (x.shape[2] + 2 * p[0] - d[0] * (kh - 1) - 1) // s[0] + 1
    w_out = (x.shape[3] + 2 * p[1] - d[1] * (kw - 1) - 1) // s[1] + 1
    outs = []
    for sample in x:
        blocks = F.unfold(sample.unsqueeze(0), (kh, kw), dilation=d, padding=p, stride=s)[0]
        out = weight.reshape(o, -1) @ blocks
        if bias is not None:
            out = out + bias[:, None]
        outs.append(out.reshape(o, h_out, w_out))
    return torch.stack(outs)
