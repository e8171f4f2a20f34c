# expect: gradients
# message: wrong gradient values
def standardize_channels(x):
    with torch.no_grad():  # "the statistics are constants"
        mean = x.mean(dim=(0, 2, 3), keepdim=True)
        std = x.std(dim=(0, 2, 3), keepdim=True, correction=0)
    return (x - mean) / std
