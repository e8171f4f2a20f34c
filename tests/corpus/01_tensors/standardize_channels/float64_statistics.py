# expect: dtype
# message: expected dtype torch.float32, got torch.float64
def standardize_channels(x):
    xd = x.double()  # statistics in double precision...
    mean = xd.mean(dim=(0, 2, 3), keepdim=True)
    std = xd.std(dim=(0, 2, 3), keepdim=True, correction=0)
    return (xd - mean) / std  # ...and the result stays double
