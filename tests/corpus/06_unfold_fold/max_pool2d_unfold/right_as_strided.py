# expect: pass
# A strided view of the -inf-padded input, then two max reductions.
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size,) * 2 if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride,) * 2 if isinstance(stride, int) else stride)
    ph, pw = (padding,) * 2 if isinstance(padding, int) else padding
    xp = F.pad(x, (pw, pw, ph, ph), value=float("-inf")).contiguous()
    n, c, hp, wp = xp.shape
    h_out, w_out = (hp - kh) // sh + 1, (wp - kw) // sw + 1
    s0, s1, s2, s3 = xp.stride()
    win = xp.as_strided((n, c, h_out, w_out, kh, kw), (s0, s1, sh * s2, sw * s3, s2, s3))
    return win.flatten(-2).max(dim=-1).values
