# expect: pass
def class_histogram(labels, num_classes):
    return F.one_hot(labels, num_classes).sum(dim=0)
