# expect: dtype
# message: expected dtype torch.float32, got torch.int64
def pm_one_targets(labels, num_classes):
    return 2 * F.one_hot(labels, num_classes) - 1
