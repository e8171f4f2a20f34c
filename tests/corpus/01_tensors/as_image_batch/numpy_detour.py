# expect: device
# message: mixes devices
# message: leaves for NumPy
def as_image_batch(x):
    # right on the CPU; a GPU batch cannot go through NumPy
    return torch.from_numpy(x.numpy() / 255).float().unsqueeze(1)
