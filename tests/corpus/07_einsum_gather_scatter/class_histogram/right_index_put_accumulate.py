# expect: pass
def class_histogram(labels, num_classes):
    counts = torch.zeros(num_classes, dtype=torch.int64, device=labels.device)
    return counts.index_put_((labels,), torch.ones_like(labels), accumulate=True)
