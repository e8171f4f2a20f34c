# expect: values
# message: how often each class was drawn
# message: got 'class 0: 6
# Equal weights: the same class proportions as the data, with replacement.
def balanced_sampler(labels):
    return WeightedRandomSampler(torch.ones(len(labels)), num_samples=len(labels))
