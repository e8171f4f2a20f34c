# expect: values
# message: expected 51264, got 832
# EE-559's first layer, whatever the layer.
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    return 832, 460800
