# expect: values
# message: the kernel was taken as (kH, kH)
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    weights = out_channels * in_channels * k * k
    return weights + (out_channels if bias else 0), weights * h_out * w_out
