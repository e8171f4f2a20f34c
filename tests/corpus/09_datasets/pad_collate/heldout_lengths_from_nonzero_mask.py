# expect: values
# message: lengths (the output[1]): wrong values
# message: the lengths count the padded rows that are not all zero
# Held-out tester's answer (pad_collate__wrong_mask_lengths_trailing_zero_only.py), accepted until the check was fixed.
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    """The common NLP shortcut: lengths = number of rows that are not all zero (a padding mask
    summed), wrong for any sequence holding a row of zeros anywhere (e.g. integer features)."""
    padded = pad_sequence([s for s, _ in batch], batch_first=True)
    lengths = (padded != 0).any(dim=-1).sum(dim=1)
    labels = torch.tensor([int(y) for _, y in batch])
    return padded, lengths, labels
