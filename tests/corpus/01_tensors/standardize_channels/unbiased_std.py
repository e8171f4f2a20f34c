# expect: values
# message: the unbiased std
def standardize_channels(x):
    mean = x.mean(dim=(0, 2, 3), keepdim=True)
    return (x - mean) / x.std(dim=(0, 2, 3), keepdim=True)
