# expect: dtype
# message: expected dtype torch.float64, got torch.float32
def pad_collate(batch):
    seqs = [s for s, _ in batch]
    L = max(len(s) for s in seqs)
    out = torch.zeros(len(seqs), L, seqs[0].shape[1])
    for i, s in enumerate(seqs):
        out[i, :len(s)] = s
    return out, torch.tensor([len(s) for s in seqs]), torch.tensor([int(y) for _, y in batch])
