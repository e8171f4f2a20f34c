# expect: pass
# nn.Unfold / nn.Fold modules on an image of ones: fold(unfold(ones)) = ones · counts.
def fold_overlap_counts(output_size, kernel_size, stride=1, padding=0):
    size = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
    unfold = torch.nn.Unfold(kernel_size, stride=stride, padding=padding)
    fold = torch.nn.Fold(size, kernel_size, stride=stride, padding=padding)
    return fold(unfold(torch.ones(1, 1, *size))).squeeze(0).squeeze(0)
