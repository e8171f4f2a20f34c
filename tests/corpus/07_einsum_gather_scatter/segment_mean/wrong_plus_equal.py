# expect: values
# message: wrong values
# message: does not accumulate
# Advanced-indexing += with repeated segment ids keeps one row per segment.
def segment_mean(values, segment_ids, num_segments):
    sums = torch.zeros(num_segments, values.shape[1], dtype=values.dtype, device=values.device)
    counts = torch.zeros(num_segments, dtype=values.dtype, device=values.device)
    sums[segment_ids] += values
    counts[segment_ids] += 1
    return sums / counts.clamp(min=1)[:, None]
