# expect: pass
def pm_one_targets(labels, num_classes):
    classes = torch.arange(num_classes, device=labels.device)
    return torch.where(labels[:, None] == classes[None, :], 1.0, -1.0)
