# expect: values
# message: how often each class was drawn
# message: class 0: 25.0 %
# Weighted by the class counts instead of their inverse: the common classes get commoner still.
def balanced_sampler(labels):
    counts = torch.bincount(labels)
    return WeightedRandomSampler(counts[labels].double(), num_samples=len(labels), replacement=True)
