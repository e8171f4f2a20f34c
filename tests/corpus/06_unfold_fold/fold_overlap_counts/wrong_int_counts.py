# expect: dtype
# message: expected dtype torch.float32, got torch.int64
# Counting in integers: the right numbers, the wrong dtype.
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (h, w), (kh, kw), (sh, sw), (ph, pw) = map(pair, (output_size, kernel_size, stride, padding))
    counts = torch.zeros(h + 2 * ph, w + 2 * pw, dtype=torch.long)
    for top in range(0, h + 2 * ph - kh + 1, sh):
        for left in range(0, w + 2 * pw - kw + 1, sw):
            counts[top:top + kh, left:left + kw] += 1
    return counts[ph:ph + h, pw:pw + w]
