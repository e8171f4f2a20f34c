# expect: shape
# message: expected shape (4, 3), got (3, 3)
# torch.unique only knows the segments that occur: empty ones vanish.
def segment_mean(values, segment_ids, num_segments):
    ids, inverse, counts = torch.unique(segment_ids, return_inverse=True, return_counts=True)
    sums = torch.zeros(len(ids), values.shape[1], dtype=values.dtype, device=values.device)
    sums = sums.index_add(0, inverse, values)
    return sums / counts[:, None]
