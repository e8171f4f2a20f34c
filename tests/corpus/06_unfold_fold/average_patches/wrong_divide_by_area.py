# expect: values
# message: divided by kH·kW
# Every pixel assumed to be in kH·kW blocks, as in the middle of the image with stride 1.
def average_patches(x, kernel_size, stride=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    blocks = F.unfold(x, kernel_size, stride=stride)
    return F.fold(blocks, x.shape[-2:], kernel_size, stride=stride) / (kh * kw)
