# expect: values
# message: it does not average them
# fold(unfold(x)) taken for x itself.
def average_patches(x, kernel_size, stride=1):
    return F.fold(F.unfold(x, kernel_size, stride=stride), x.shape[-2:], kernel_size, stride=stride)
