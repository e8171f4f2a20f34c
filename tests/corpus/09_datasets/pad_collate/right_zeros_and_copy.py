# expect: pass
# Allocate the padded batch, copy each sequence into its row.
def pad_collate(batch):
    sequences, labels = zip(*batch)
    lengths = torch.tensor([s.size(0) for s in sequences], dtype=torch.long)
    out = torch.zeros(len(sequences), int(lengths.max()), sequences[0].size(1), dtype=sequences[0].dtype)
    for i, s in enumerate(sequences):
        out[i, :s.size(0)] = s
    return out, lengths, torch.as_tensor([int(label) for label in labels], dtype=torch.long)
