# expect: values
# message: the padding was counted once
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = map(pair, (kernel_size, stride, padding, dilation))
    h_out = (h + ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + pw - dw * (kw - 1) - 1) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError(f"empty output: height {h_out}, width {w_out}")
    return h_out, w_out
