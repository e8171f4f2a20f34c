# expect: pass
# Move dim last; a one-hot (.., J, O) matrix per row sends every src entry to its slot.
def scatter_add_vectorized(src, index, dim, out_shape):
    used = src[tuple(slice(0, n) for n in index.shape)]
    s = used.movedim(dim, -1).unsqueeze(-2)                                  # (..., 1, J)
    onehot = F.one_hot(index.movedim(dim, -1), out_shape[dim]).to(src.dtype)  # (..., J, O)
    part = (s @ onehot).squeeze(-2).movedim(-1, dim)                          # index's shape, O along dim
    out = torch.zeros(out_shape, dtype=src.dtype, device=src.device)
    out[tuple(slice(0, n) for n in part.shape)] = part
    return out
