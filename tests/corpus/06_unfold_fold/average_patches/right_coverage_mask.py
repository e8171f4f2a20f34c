# expect: pass
# The average of identical copies of a pixel is the pixel: x where some block covers it, 0 elsewhere.
# Which pixels are covered is a per-axis question (rows and columns independently).
def average_patches(x, kernel_size, stride=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (kh, kw), (sh, sw) = pair(kernel_size), pair(stride)
    h, w = x.shape[-2:]
    rows = torch.zeros(h, dtype=torch.bool, device=x.device)
    cols = torch.zeros(w, dtype=torch.bool, device=x.device)
    for top in range(0, h - kh + 1, sh):
        rows[top:top + kh] = True
    for left in range(0, w - kw + 1, sw):
        cols[left:left + kw] = True
    covered = rows[:, None] & cols[None, :]
    return x * covered.to(x.dtype)
