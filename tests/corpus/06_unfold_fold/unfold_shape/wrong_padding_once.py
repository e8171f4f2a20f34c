# expect: values
# message: the padding was counted once
def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    n, c, h, w = input_shape
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = map(pair, (kernel_size, stride, padding, dilation))
    h_out = (h + ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + pw - dw * (kw - 1) - 1) // sw + 1
    return (n, c * kh * kw, h_out * w_out)
