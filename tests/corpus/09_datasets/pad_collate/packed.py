# expect: type
# message: expected a torch.Tensor
from torch.nn.utils.rnn import pack_sequence


def pad_collate(batch):
    seqs = [s for s, _ in batch]
    return pack_sequence(seqs, enforce_sorted=False), torch.tensor([len(s) for s in seqs]), torch.tensor([int(y) for _, y in batch])
