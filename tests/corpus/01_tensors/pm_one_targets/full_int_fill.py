# expect: dtype
# message: expected dtype torch.float32, got torch.int64
def pm_one_targets(labels, num_classes):
    targets = torch.full((len(labels), num_classes), -1, device=labels.device)  # -1 is an int: int64
    targets[torch.arange(len(labels)), labels] = 1
    return targets
