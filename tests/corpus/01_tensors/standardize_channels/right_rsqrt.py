# expect: pass
def standardize_channels(x):
    centered = x - x.mean(dim=(0, 2, 3), keepdim=True)
    variance = (centered * centered).mean(dim=(0, 2, 3), keepdim=True)
    return centered * variance.rsqrt()
