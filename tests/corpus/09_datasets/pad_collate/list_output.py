# expect: pass
# A list instead of a tuple: the contract's three tensors all the same.
def pad_collate(batch):
    seqs = [s for s, _ in batch]
    return [torch.nn.utils.rnn.pad_sequence(seqs, batch_first=True),
            torch.tensor([len(s) for s in seqs]), torch.tensor([int(y) for _, y in batch])]
