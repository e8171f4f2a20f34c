# expect: gradients
# message: no gradient flows back to weight
# A Conv2d layer handed the weights as new Parameters: right values, but nn.Parameter(weight)
# is a fresh leaf, cut from the caller's weight (and the convolution is F.conv2d anyway).
def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    o, c, kh, kw = weight.shape
    layer = torch.nn.Conv2d(c, o, (kh, kw), stride=stride, padding=padding, dilation=dilation,
                            bias=bias is not None)
    layer.weight = torch.nn.Parameter(weight)
    if bias is not None:
        layer.bias = torch.nn.Parameter(bias)
    return layer(x)
