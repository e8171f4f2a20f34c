# expect: pass
# Count the block positions: a block starts every `stride` pixels of the padded image, as long as
# its last element (dilation·(k − 1) pixels further) is still inside.
def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    def two(v):
        return [v, v] if isinstance(v, int) else list(v)
    n, c, h, w = input_shape
    k, s, p, d = two(kernel_size), two(stride), two(padding), two(dilation)
    starts_h = range(0, h + 2 * p[0] - d[0] * (k[0] - 1), s[0])
    starts_w = range(0, w + 2 * p[1] - d[1] * (k[1] - 1), s[1])
    return torch.Size([n, c * k[0] * k[1], len(starts_h) * len(starts_w)])
