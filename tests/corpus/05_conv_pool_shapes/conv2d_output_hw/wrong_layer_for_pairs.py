# expect: forbidden
# message: uses building a layer, which this exercise forbids
# message: kaiming_uniform_
# An nn.Conv2d built only to turn the int-or-pair arguments into tuples (its attributes): the
# formula is right, but building the layer initialises its weights, which the rules forbid.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    layer = nn.Conv2d(1, 1, kernel_size, stride=stride, padding=padding, dilation=dilation)
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = layer.kernel_size, layer.stride, layer.padding, layer.dilation
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    for name, n in (("height", h_out), ("width", w_out)):
        if n < 1:
            raise ValueError(f"empty output {name}")
    return h_out, w_out
