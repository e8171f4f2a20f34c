# expect: shape
# message: expected shape (2, 3, 3, 4), got (2, 3, 4, 3)
# output_size given as (W, H): for 3×4 and kernel 2 both sizes have 6 blocks, so F.fold does not object.
def average_patches(x, kernel_size, stride=1):
    h, w = x.shape[-2:]
    blocks = F.unfold(x, kernel_size, stride=stride)
    summed = F.fold(blocks, (w, h), kernel_size, stride=stride)
    counts = F.fold(torch.ones_like(blocks), (w, h), kernel_size, stride=stride)
    return torch.where(counts > 0, summed / counts.clamp(min=1), 0.0)
