# expect: values
# message: padded (the output[0]): wrong values
# message: expected 0.0, got -1.0
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    sequences = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in sequences])
    labels = torch.tensor([int(y) for _, y in batch])
    return pad_sequence(sequences, batch_first=True, padding_value=-1.0), lengths, labels
