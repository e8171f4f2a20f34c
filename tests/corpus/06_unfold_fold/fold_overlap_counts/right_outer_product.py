# expect: pass
# Rows and columns are independent: count(i, j) = count_rows(i) · count_cols(j), each a 1-d count
# of the block starts s·t − p (t = 0 .. n_blocks − 1) whose k pixels include i.
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    size, k, s, p = pair(output_size), pair(kernel_size), pair(stride), pair(padding)
    per_axis = []
    for n, kk, ss, pp in zip(size, k, s, p):
        n_blocks = (n + 2 * pp - kk) // ss + 1
        starts = torch.arange(n_blocks) * ss - pp                     # first pixel of each block
        pixel = torch.arange(n)
        inside = (pixel[:, None] >= starts[None, :]) & (pixel[:, None] < starts[None, :] + kk)
        per_axis.append(inside.sum(dim=1).float())
    return per_axis[0][:, None] * per_axis[1][None, :]
