# expect: device
# message: expected device meta, got cpu
def pm_one_targets(labels, num_classes):
    return torch.eye(num_classes)[labels] * 2 - 1
