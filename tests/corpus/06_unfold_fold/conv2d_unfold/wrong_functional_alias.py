# expect: forbidden
# message: uses a convolution op, which this exercise forbids
# message: aten::conv2d
# F.conv2d under another name is still F.conv2d.
from torch.nn.functional import conv2d as cross_correlate

def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    return cross_correlate(x, weight, bias, stride, padding, dilation)
