# expect: values
# message: expected 12, got 8
# message: the kernel was taken as (kH, kH)
# kernel_size=(kH, kW) taken as kH × kH.
def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    n, c, h, w = input_shape
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    (sh, sw), (ph, pw), (dh, dw) = map(pair, (stride, padding, dilation))
    h_out = (h + 2 * ph - dh * (k - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (k - 1) - 1) // sw + 1
    return (n, c * k * k, h_out * w_out)
