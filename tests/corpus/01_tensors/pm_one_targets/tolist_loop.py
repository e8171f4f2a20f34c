# expect: vectorized
# message: takes data out of torch (Tensor.tolist())
def pm_one_targets(labels, num_classes):
    rows = []
    for label in labels.tolist():
        row = [-1.0] * num_classes
        row[label] = 1.0
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float32, device=labels.device).reshape(-1, num_classes)
