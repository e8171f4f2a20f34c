# expect: forbidden
# message: uses torch.histc, which this exercise forbids
# One bin per class, centred on the class.
def class_histogram(labels, num_classes):
    return torch.histc(labels.double(), bins=num_classes, min=-0.5, max=num_classes - 0.5).long()
