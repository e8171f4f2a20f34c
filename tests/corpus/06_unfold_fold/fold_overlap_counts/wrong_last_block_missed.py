# expect: values
# message: 10 of 12 values differ
# range(0, H - k, s) stops one block early: the last row and column of blocks are never counted.
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (h, w), (kh, kw), (sh, sw), (ph, pw) = map(pair, (output_size, kernel_size, stride, padding))
    canvas = torch.zeros(h + 2 * ph, w + 2 * pw)
    for top in range(0, h + 2 * ph - kh, sh):
        for left in range(0, w + 2 * pw - kw, sw):
            canvas[top:top + kh, left:left + kw] += 1
    return canvas[ph:ph + h, pw:pw + w]
