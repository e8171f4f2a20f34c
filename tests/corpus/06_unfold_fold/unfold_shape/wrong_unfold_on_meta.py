# expect: forbidden
# message: uses unfold, which this exercise forbids
# message: aten::im2col
# Asking F.unfold itself, on a tensor that holds no data: still calling unfold.
def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    x = torch.empty(input_shape, device="meta")
    return tuple(F.unfold(x, kernel_size, dilation=dilation, padding=padding, stride=stride).shape)
