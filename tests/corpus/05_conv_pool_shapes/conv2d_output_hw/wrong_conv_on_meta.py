# expect: forbidden
# message: uses a convolution op, which this exercise forbids
# message: aten::convolution
# Measuring: F.conv2d on tensors of the meta device (no data, no cost), its error turned into the
# ValueError the contract asks for.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    kh, kw = pair(kernel_size)
    x = torch.empty(1, 1, h, w, device="meta")
    weight = torch.empty(1, 1, kh, kw, device="meta")
    try:
        out = F.conv2d(x, weight, stride=stride, padding=padding, dilation=dilation)
    except RuntimeError:
        (sh, sw), (ph, pw), (dh, dw) = pair(stride), pair(padding), pair(dilation)
        empty = [name for name, n, k, p, d in (("height", h, kh, ph, dh), ("width", w, kw, pw, dw))
                 if n + 2 * p < d * (k - 1) + 1]
        raise ValueError(f"empty output {' and '.join(empty)}") from None
    return out.shape[2], out.shape[3]
