# expect: values
# message: expected 832, got 801
# Bias counted per input channel instead of per output channel.
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weights = out_channels * in_channels * kh * kw
    return weights + (in_channels if bias else 0), weights * h_out * w_out
