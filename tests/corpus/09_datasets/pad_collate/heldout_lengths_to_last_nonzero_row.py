# expect: values
# message: lengths (the output[1]): wrong values
# message: a sequence may end with rows of zeros
# Held-out tester's answer (pad_collate__wrong_lengths_from_nonzero_rows.py), accepted until the check was fixed.
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    """Subtle: recovers the lengths from the padded tensor (the last row that is not all zeros)
    instead of from the sequences: wrong for any sequence that ends with a row of zeros."""
    padded = pad_sequence([s for s, _ in batch], batch_first=True)
    nonzero = (padded != 0).any(dim=2)                                # (B, L)
    positions = torch.arange(1, padded.shape[1] + 1).expand_as(nonzero)
    lengths = (positions * nonzero).amax(dim=1) if padded.shape[1] else torch.zeros(len(batch), dtype=torch.long)
    labels = torch.tensor([int(y) for _, y in batch])
    return padded, lengths, labels
