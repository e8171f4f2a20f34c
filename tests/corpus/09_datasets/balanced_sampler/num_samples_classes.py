# expect: values
# message: num_samples: wrong value
def balanced_sampler(labels):
    counts = torch.bincount(labels)
    return WeightedRandomSampler(1.0 / counts[labels], num_samples=int((counts > 0).sum()))
