# expect: pass
def standardize_channels(x):
    channels = []
    for c in range(x.shape[1]):  # a few channels, not the samples
        xc = x[:, c]
        channels.append((xc - xc.mean()) / xc.std(unbiased=False))
    return torch.stack(channels, dim=1)
