# expect: pass
def class_histogram(labels, num_classes):
    return (labels[:, None] == torch.arange(num_classes, device=labels.device)).sum(dim=0)
