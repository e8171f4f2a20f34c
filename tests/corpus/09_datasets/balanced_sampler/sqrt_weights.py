# expect: values
# message: how often each class was drawn
# A common "softer" balancing: 1 / sqrt(count) does not equalize the classes.
def balanced_sampler(labels):
    counts = torch.bincount(labels).double()
    return WeightedRandomSampler(counts[labels].rsqrt(), num_samples=len(labels))
