# expect: shape
# message: expected shape (7,), got (3,)
def class_histogram(labels, num_classes):
    classes, counts = torch.unique(labels, return_counts=True)
    return counts
