# expect: shape
# message: padded (the output[0]): expected shape (3, 4, 5), got (4, 3, 5)
# pad_sequence's default layout is (L_max, B, D): batch_first=True is missing.
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    sequences = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in sequences])
    labels = torch.tensor([int(y) for _, y in batch])
    return pad_sequence(sequences), lengths, labels
