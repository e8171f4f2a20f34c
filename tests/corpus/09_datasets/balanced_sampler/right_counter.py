# expect: pass
# Plain Python: a Counter of the labels, the weights in float32.
def balanced_sampler(labels):
    counts = Counter(labels.tolist())
    weights = torch.tensor([1 / counts[y] for y in labels.tolist()], dtype=torch.float32)
    return WeightedRandomSampler(weights=weights, num_samples=labels.numel(), replacement=True)
