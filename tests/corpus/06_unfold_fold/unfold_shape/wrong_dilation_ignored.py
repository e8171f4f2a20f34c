# expect: values
# message: the dilation was left out
def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    n, c, h, w = input_shape
    (kh, kw), (sh, sw), (ph, pw) = pair(kernel_size), pair(stride), pair(padding)
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    return (n, c * kh * kw, h_out * w_out)
