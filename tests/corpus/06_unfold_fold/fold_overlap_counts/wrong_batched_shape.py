# expect: shape
# message: expected shape (3, 4), got (1, 1, 3, 4)
# F.fold's output returned as it is: (1, 1, H, W), not (H, W).
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    size = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
    blocks = F.unfold(torch.ones(1, 1, *size), kernel_size, stride=stride, padding=padding)
    return F.fold(torch.ones_like(blocks), size, kernel_size, stride=stride, padding=padding)
