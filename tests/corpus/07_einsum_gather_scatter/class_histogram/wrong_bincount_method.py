# expect: forbidden
# message: uses torch.bincount, which this exercise forbids
# message: aten::bincount
def class_histogram(labels, num_classes):
    return labels.bincount(minlength=num_classes)
