# expect: forbidden
# message: uses building a layer, which this exercise forbids
# message: kaiming_uniform_
# The same on the meta device, "to save memory": the layer is still built and initialised.
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    with torch.device("meta"):
        layer = nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias)
    return sum(p.numel() for p in layer.parameters()), layer.weight.numel() * h_out * w_out
