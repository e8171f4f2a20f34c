# expect: error
# message: does not mention 'height'
# A ValueError, but its message does not say which dimension is empty.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = map(pair, (kernel_size, stride, padding, dilation))
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if min(h_out, w_out) < 1:
        raise ValueError("the kernel is larger than the padded input")
    return h_out, w_out
