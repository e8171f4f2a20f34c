# expect: values
# message: the bias was counted in the products
# message: expected 460800, got 479232
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    per_channel = in_channels * kh * kw + (1 if bias else 0)
    return out_channels * per_channel, out_channels * per_channel * h_out * w_out
