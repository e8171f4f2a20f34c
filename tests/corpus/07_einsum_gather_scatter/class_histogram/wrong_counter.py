# expect: vectorized
# message: Tensor.tolist()
from collections import Counter


def class_histogram(labels, num_classes):
    counts = Counter(labels.tolist())
    return torch.tensor([counts[c] for c in range(num_classes)], dtype=torch.int64)
