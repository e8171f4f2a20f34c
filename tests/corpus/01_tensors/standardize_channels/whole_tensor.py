# expect: values
# message: one mean and one std for the whole tensor
def standardize_channels(x):
    return (x - x.mean()) / x.std(unbiased=False)
