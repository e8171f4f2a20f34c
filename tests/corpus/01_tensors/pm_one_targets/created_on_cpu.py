# expect: device
# message: expected device meta, got cpu
# message: Create new tensors on the input's device
def pm_one_targets(labels, num_classes):
    targets = torch.full((labels.shape[0], num_classes), -1.0)
    return targets.scatter_(1, labels.unsqueeze(1), 1.0)
