# expect: pass
# Counted from the outputs: D·H'·W' output values, each a sum of C·kH·kW products.
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else (kernel_size[0], kernel_size[1])
    per_output = in_channels * kh * kw
    outputs = out_channels * h_out * w_out
    parameters = out_channels * (per_output + 1) if bias else out_channels * per_output
    return parameters, outputs * per_output
