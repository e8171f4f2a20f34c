# expect: forbidden
# message: uses an unfold op, which this exercise forbids
# message: aten::im2col
# Measuring with F.unfold on meta tensors, one dimension at a time (not a convolution op).
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    p2 = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, s, p, d = map(p2, (kernel_size, stride, padding, dilation))
    out = []
    for i, (n, name) in enumerate(((h, "height"), (w, "width"))):
        if n + 2 * p[i] < d[i] * (k[i] - 1) + 1:
            raise ValueError(f"empty {name}")
        x = torch.empty(1, 1, n, 1, device="meta")
        out.append(F.unfold(x, (k[i], 1), dilation=(d[i], 1), padding=(p[i], 0), stride=(s[i], 1)).shape[-1])
    return out[0], out[1]
