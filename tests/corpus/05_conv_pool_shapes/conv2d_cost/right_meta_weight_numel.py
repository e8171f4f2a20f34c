# expect: pass
# The weight's shape as a tensor of the meta device (no data, and not a layer: nothing is
# initialised), its numel() as the count.
def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weights = torch.empty(out_channels, in_channels, kh, kw, device="meta").numel()
    return weights + (out_channels if bias else 0), weights * h_out * w_out
