# expect: values
# message: the batch was sorted by length
# Sorting for pack_padded_sequence's old enforce_sorted=True: the batch's order is lost.
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    batch = sorted(batch, key=lambda pair: len(pair[0]), reverse=True)
    sequences = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in sequences])
    labels = torch.tensor([int(y) for _, y in batch])
    return pad_sequence(sequences, batch_first=True), lengths, labels
