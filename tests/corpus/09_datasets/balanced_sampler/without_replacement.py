# expect: values
# message: replacement: wrong value
# Without replacement an epoch is a permutation: the classes keep their proportions.
def balanced_sampler(labels):
    counts = torch.bincount(labels)
    return WeightedRandomSampler(1.0 / counts[labels], num_samples=len(labels), replacement=False)
