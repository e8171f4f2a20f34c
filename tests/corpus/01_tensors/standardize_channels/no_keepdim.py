# expect: raised
# message: your function raised RuntimeError
# message: must match the size of tensor b
def standardize_channels(x):
    mean = x.mean(dim=(0, 2, 3))
    std = x.std(dim=(0, 2, 3), unbiased=False)
    return (x - mean) / std
