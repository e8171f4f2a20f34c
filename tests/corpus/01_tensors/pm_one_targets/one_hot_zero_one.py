# expect: values
# message: wrong values
# message: a one-hot (0/1) target
def pm_one_targets(labels, num_classes):
    return F.one_hot(labels, num_classes).float()
