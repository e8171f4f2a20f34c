# expect: values
# message: padded (the output[0]): wrong values
# message: the zeros are in front of the sequences
def pad_collate(batch):
    longest = max(len(s) for s, _ in batch)
    padded = torch.stack([torch.cat([s.new_zeros(longest - len(s), s.shape[1]), s]) for s, _ in batch])
    lengths = torch.tensor([len(s) for s, _ in batch])
    labels = torch.tensor([int(y) for _, y in batch])
    return padded, lengths, labels
