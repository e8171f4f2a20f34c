# expect: pass
# What F.fold does, written out: start from zeros, add 1 under every block, on a padded canvas,
# then cut the padding away.
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (h, w), (kh, kw), (sh, sw), (ph, pw) = map(pair, (output_size, kernel_size, stride, padding))
    canvas = torch.zeros(h + 2 * ph, w + 2 * pw)
    for top in range(0, h + 2 * ph - kh + 1, sh):
        for left in range(0, w + 2 * pw - kw + 1, sw):
            canvas[top:top + kh, left:left + kw] += 1
    return canvas[ph:ph + h, pw:pw + w]
