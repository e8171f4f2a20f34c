# expect: inputs
# message: your function modified its input x in place
def standardize_channels(x):
    x -= x.mean(dim=(0, 2, 3), keepdim=True)
    x /= x.std(dim=(0, 2, 3), keepdim=True, correction=0)
    return x
