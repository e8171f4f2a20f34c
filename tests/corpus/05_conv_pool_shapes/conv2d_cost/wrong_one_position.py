# expect: values
# message: the products were counted for one output position
# The products of one output position: h_out and w_out left out.
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weights = out_channels * in_channels * kh * kw
    return weights + (out_channels if bias else 0), weights
