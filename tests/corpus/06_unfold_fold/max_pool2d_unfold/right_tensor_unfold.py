# expect: pass
# -inf padding by hand, Tensor.unfold along H then W, amax over the window.
def max_pool2d_unfold(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    if stride is None:
        stride = (kh, kw)
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    xp = F.pad(x, (pw, pw, ph, ph), mode="constant", value=-float("inf"))
    windows = xp.unfold(2, kh, sh).unfold(3, kw, sw)  # (N, C, H', W', kH, kW)
    return windows.amax(dim=(-2, -1))
