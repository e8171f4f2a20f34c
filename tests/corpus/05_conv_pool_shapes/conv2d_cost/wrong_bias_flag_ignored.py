# expect: values
# message: the bias was counted although bias=False
# message: expected 72, got 80
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weights = out_channels * in_channels * kh * kw
    return weights + out_channels, weights * h_out * w_out
