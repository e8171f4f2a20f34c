# expect: forbidden
# message: uses building a layer, which this exercise forbids
# torch.nn.utils.skip_init builds the layer on the meta device and then allocates it: a layer built
# to count it, all the same.
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    layer = torch.nn.utils.skip_init(nn.Conv2d, in_channels, out_channels, kernel_size, bias=bias)
    return sum(p.numel() for p in layer.parameters()), layer.weight.numel() * h_out * w_out
