# expect: values
# message: the kernel was taken as (kH, kH)
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    size = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    blocks = F.unfold(torch.ones(1, 1, *size), k, stride=stride, padding=padding)
    return F.fold(torch.ones_like(blocks), size, k, stride=stride, padding=padding)[0, 0]
