# expect: pass
def pm_one_targets(labels, num_classes):
    return 2 * torch.eye(num_classes, device=labels.device)[labels] - 1
