# expect: pass
# Tensor.unfold twice (each window spans dilation·(k-1)+1 pixels, every dilation-th kept),
# then a broadcast product summed over (C, kH, kW).
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else (v[0], v[1])
    (sh, sw), (ph, pw), (dh, dw) = pair(stride), pair(padding), pair(dilation)
    o, c, kh, kw = weight.shape
    xp = F.pad(x, (pw, pw, ph, ph))
    win = xp.unfold(2, dh * (kh - 1) + 1, sh).unfold(3, dw * (kw - 1) + 1, sw)  # (N, C, H', W', span_h, span_w)
    win = win[..., ::dh, ::dw]                                                   # (N, C, H', W', kH, kW)
    prod = win.unsqueeze(1) * weight[None, :, :, None, None, :, :]               # (N, O, C, H', W', kH, kW)
    out = prod.sum(dim=(2, 5, 6))
    if bias is not None:
        out = out + bias[:, None, None]
    return out
