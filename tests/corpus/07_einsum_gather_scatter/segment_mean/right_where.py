# expect: pass
def segment_mean(values, segment_ids, num_segments):
    sums = torch.zeros(num_segments, values.shape[1], dtype=values.dtype, device=values.device)
    sums = sums.index_add(0, segment_ids, values)
    counts = torch.zeros(num_segments, dtype=values.dtype, device=values.device)
    counts = counts.index_add(0, segment_ids, torch.ones_like(values[:, 0]))[:, None]
    return torch.where(counts > 0, sums / counts, torch.zeros_like(sums))
