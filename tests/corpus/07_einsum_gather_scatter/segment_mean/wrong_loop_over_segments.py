# expect: vectorized
# message: a Python loop over the samples or the segments was detected
def segment_mean(values, segment_ids, num_segments):
    rows = []
    for s in range(num_segments):
        members = values[segment_ids == s]
        rows.append(members.mean(dim=0) if len(members) else values.new_zeros(values.shape[1]))
    return torch.stack(rows)
