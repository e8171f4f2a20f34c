# expect: dtype
# message: lengths (the output[1]): expected dtype torch.int64, got torch.int32
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    sequences = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in sequences], dtype=torch.int32)
    labels = torch.tensor([int(y) for _, y in batch])
    return pad_sequence(sequences, batch_first=True), lengths, labels
