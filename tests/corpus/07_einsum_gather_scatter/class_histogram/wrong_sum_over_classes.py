# expect: shape
# message: expected shape (7,), got (6,)
# The (N, C) table summed along the classes: one count per label, not per class.
def class_histogram(labels, num_classes):
    table = labels[:, None] == torch.arange(num_classes, device=labels.device)
    return table.sum(dim=1)
