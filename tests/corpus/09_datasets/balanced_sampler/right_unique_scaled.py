# expect: pass
# torch.unique's counts, weights N / count (a multiple of 1 / count), passed as a list.
def balanced_sampler(labels):
    _, inverse, counts = torch.unique(labels, return_inverse=True, return_counts=True)
    weights = (len(labels) / counts.float())[inverse]
    return WeightedRandomSampler(weights.tolist(), len(labels))
