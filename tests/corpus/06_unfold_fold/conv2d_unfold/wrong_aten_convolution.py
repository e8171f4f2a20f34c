# expect: forbidden
# message: aten::convolution
# The dispatcher's own entry point, reached without going through F.
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: [v, v] if isinstance(v, int) else list(v)
    return torch.ops.aten.convolution(x, weight, bias, pair(stride), pair(padding), pair(dilation),
                                      False, [0, 0], 1)
