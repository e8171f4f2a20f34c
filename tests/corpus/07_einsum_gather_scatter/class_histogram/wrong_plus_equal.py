# expect: values
# message: counts[labels] += 1 writes each class once
def class_histogram(labels, num_classes):
    counts = torch.zeros(num_classes, dtype=torch.int64, device=labels.device)
    counts[labels] += 1
    return counts
