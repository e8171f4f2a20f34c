# expect: values
# message: wrong values
# message: clamp the counts
def segment_mean(values, segment_ids, num_segments):
    sums = torch.zeros(num_segments, values.shape[1], dtype=values.dtype, device=values.device)
    sums.index_add_(0, segment_ids, values)
    counts = torch.zeros(num_segments, dtype=values.dtype, device=values.device)
    counts.index_add_(0, segment_ids, torch.ones(len(segment_ids), dtype=values.dtype, device=values.device))
    return sums / counts[:, None]
