# expect: values
# message: number of weights (one per sample): wrong value
# message: expected 20, got 4
def balanced_sampler(labels):
    counts = torch.bincount(labels)
    return WeightedRandomSampler(1.0 / counts.float(), num_samples=len(labels))
