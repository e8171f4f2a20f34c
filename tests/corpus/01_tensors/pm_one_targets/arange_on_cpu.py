# expect: device
# message: mixes devices
# message: device=x.device
def pm_one_targets(labels, num_classes):
    # torch.arange is created on the CPU: fine for CPU labels, an error for labels on a GPU
    return torch.where(labels[:, None] == torch.arange(num_classes), 1.0, -1.0)
