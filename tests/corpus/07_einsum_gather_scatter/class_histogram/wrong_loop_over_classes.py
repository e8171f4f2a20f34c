# expect: vectorized
# message: a Python loop over the samples or the classes was detected
def class_histogram(labels, num_classes):
    return torch.stack([(labels == c).sum() for c in range(num_classes)])
