# expect: values
# message: the returned object's class: wrong value
# message: RandomSampler
def balanced_sampler(labels):
    return torch.utils.data.RandomSampler(range(len(labels)), replacement=True)
