# expect: type
# message: lengths (the output[1]): expected a torch.Tensor, got a list
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    sequences = [s for s, _ in batch]
    labels = torch.tensor([int(y) for _, y in batch])
    return pad_sequence(sequences, batch_first=True), [len(s) for s in sequences], labels
