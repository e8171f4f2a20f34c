# expect: values
# message: the kernel was taken as (kH, kH)
# kernel_size=(kH, kW) read as kH × kH.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    (sh, sw), (ph, pw), (dh, dw) = pair(stride), pair(padding), pair(dilation)
    h_out = (h + 2 * ph - dh * (k - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (k - 1) - 1) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError(f"empty output: height {h_out}, width {w_out}")
    return h_out, w_out
