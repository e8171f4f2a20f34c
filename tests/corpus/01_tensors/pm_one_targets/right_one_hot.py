# expect: pass
def pm_one_targets(labels, num_classes):
    return F.one_hot(labels, num_classes).to(torch.float32).mul(2).sub(1)
