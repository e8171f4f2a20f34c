# attacks: pm_one_targets
# expect: error
# why: from the first exercise's cell, sabotage the second exercise's check (replace the student's own function later)
def pm_one_targets(labels, num_classes):
    out = torch.full((labels.shape[0], num_classes), -1.0)
    return out.scatter(1, labels[:, None], 1.0)


vars(torch)["cdist"] = lambda x, y, *a, **k: ((x[:, None] - y[None]) ** 2).sum(-1).sqrt()
