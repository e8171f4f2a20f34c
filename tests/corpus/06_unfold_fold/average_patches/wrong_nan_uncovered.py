# expect: values
# message: got nan
# message: 0/0 = NaN
def average_patches(x, kernel_size, stride=1):
    size = tuple(x.shape[-2:])
    summed = F.fold(F.unfold(x, kernel_size, stride=stride), size, kernel_size, stride=stride)
    counts = F.fold(F.unfold(torch.ones_like(x), kernel_size, stride=stride), size, kernel_size, stride=stride)
    return summed / counts
