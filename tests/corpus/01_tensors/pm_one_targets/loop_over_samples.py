# expect: vectorized
# message: a Python loop over the samples was detected
def pm_one_targets(labels, num_classes):
    targets = -torch.ones(labels.shape[0], num_classes, device=labels.device)
    for n in range(labels.shape[0]):
        targets[n, labels[n]] = 1.0
    return targets
