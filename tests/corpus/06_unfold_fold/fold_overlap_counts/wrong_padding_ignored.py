# expect: values
# message: the padding was ignored
# The blocks laid on the image as if there were no padding.
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (h, w), (kh, kw), (sh, sw) = map(pair, (output_size, kernel_size, stride))
    counts = torch.zeros(h, w)
    for top in range(0, h - kh + 1, sh):
        for left in range(0, w - kw + 1, sw):
            counts[top:top + kh, left:left + kw] += 1
    return counts
