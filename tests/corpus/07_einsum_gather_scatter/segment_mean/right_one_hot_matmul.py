# expect: pass
def segment_mean(values, segment_ids, num_segments):
    member = F.one_hot(segment_ids, num_segments).to(values.dtype).T   # (S, N)
    sums = member @ values
    counts = member.sum(dim=1, keepdim=True)
    return sums / counts.clamp(min=1)
