# expect: pass
def standardize_channels(x):
    n, c, h, w = x.shape
    per_channel = x.transpose(0, 1).reshape(c, -1)           # (C, N*H*W)
    mean = per_channel.mean(dim=1)
    std = per_channel.var(dim=1, unbiased=False).sqrt()
    return (x - mean.view(1, c, 1, 1)) / std.view(1, c, 1, 1)
