# expect: values
# message: an eps was added
def standardize_channels(x):
    mean = x.mean(dim=(0, 2, 3), keepdim=True)
    std = x.std(dim=(0, 2, 3), keepdim=True, unbiased=False)
    return (x - mean) / (std + 1e-5)
