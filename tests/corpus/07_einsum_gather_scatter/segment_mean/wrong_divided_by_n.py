# expect: values
# message: not by each segment's own count
def segment_mean(values, segment_ids, num_segments):
    sums = torch.zeros(num_segments, values.shape[1], dtype=values.dtype, device=values.device)
    return sums.index_add(0, segment_ids, values) / len(segment_ids)
