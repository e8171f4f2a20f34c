# expect: type
# message: expected a tuple, got a list
# From a held-out tester (contract-only answers).
# Right ints, but a list instead of the tuple the contract asks for.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    k, s, p, d = map(pair, (kernel_size, stride, padding, dilation))
    out = [(n + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i, n in enumerate((h, w))]
    if out[0] < 1:
        raise ValueError("empty height")
    if out[1] < 1:
        raise ValueError("empty width")
    return out
