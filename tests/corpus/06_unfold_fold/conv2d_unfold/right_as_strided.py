# expect: pass
# No F.unfold: the windows as a strided view of the zero-padded input, then tensordot.
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    o, c, kh, kw = weight.shape
    xp = F.pad(x, (pw, pw, ph, ph)).contiguous()
    n, _, hp, wp = xp.shape
    h_out = (hp - dh * (kh - 1) - 1) // sh + 1
    w_out = (wp - dw * (kw - 1) - 1) // sw + 1
    s0, s1, s2, s3 = xp.stride()
    windows = xp.as_strided((n, c, kh, kw, h_out, w_out), (s0, s1, dh * s2, dw * s3, sh * s2, sw * s3))
    out = torch.tensordot(weight, windows, dims=([1, 2, 3], [1, 2, 3]))  # (O, N, H', W')
    out = out.permute(1, 0, 2, 3)
    if bias is not None:
        out = out + bias.view(1, o, 1, 1)
    return out
