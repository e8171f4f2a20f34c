# expect: forbidden
# message: uses building a layer, which this exercise forbids
# message: aten::uniform_
# The parameters counted on a real nn.Conv2d (the products by formula).
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    layer = nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias)
    return sum(p.numel() for p in layer.parameters()), layer.weight.numel() * h_out * w_out
