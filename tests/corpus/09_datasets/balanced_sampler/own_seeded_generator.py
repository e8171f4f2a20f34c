# expect: pass
# A generator of its own, seeded: reproducible draws, still balanced.
def balanced_sampler(labels):
    counts = torch.bincount(labels)
    g = torch.Generator().manual_seed(0)
    return WeightedRandomSampler(1.0 / counts[labels], num_samples=len(labels), replacement=True, generator=g)
