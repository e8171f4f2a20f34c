# expect: pass
# Each sequence padded at its end with F.pad, then stacked; labels stacked as tensors.
def pad_collate(batch):
    longest = max(s.shape[0] for s, _ in batch)
    padded = torch.stack([F.pad(s, (0, 0, 0, longest - s.shape[0])) for s, _ in batch])
    lengths = torch.tensor([s.shape[0] for s, _ in batch])
    labels = torch.stack([torch.as_tensor(y) for _, y in batch]).long()
    return padded, lengths, labels
