# expect: forbidden
# message: uses a pooling op, which this exercise forbids
# message: aten::max_pool2d
# Measuring with nn.MaxPool2d on a meta tensor, its errors rewritten as the contract's ValueErrors.
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    pool = nn.MaxPool2d(kernel_size, stride, padding, dilation, ceil_mode=ceil_mode)
    try:
        out = pool(torch.empty(1, 1, h, w, device="meta"))
    except RuntimeError as error:
        if "pad" in str(error):
            raise ValueError(f"padding: {error}") from None
        pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
        k, p, d = pair(kernel_size), pair(padding), pair(dilation)
        s = pair(kernel_size if stride is None else stride)
        sizes = []
        for i, n in enumerate((h, w)):
            o = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + (s[i] - 1 if ceil_mode else 0)) // s[i] + 1
            sizes.append(o - (ceil_mode and (o - 1) * s[i] >= n + p[i]))
        raise ValueError(f"empty {'height' if sizes[0] < 1 else 'width'}") from None
    return int(out.shape[2]), int(out.shape[3])
