# expect: values
# message: x was returned unchanged
# "Averaging copies of the same pixel gives the pixel back": true only where there are copies.
def average_patches(x, kernel_size, stride=1):
    return x.clone()
