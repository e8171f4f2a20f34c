# expect: values
# message: expected 6, got 2
# The "+ 1" forgotten: the first block position is not counted.
def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    n, c, h, w = input_shape
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = map(pair, (kernel_size, stride, padding, dilation))
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw
    return (n, c * kh * kw, h_out * w_out)
