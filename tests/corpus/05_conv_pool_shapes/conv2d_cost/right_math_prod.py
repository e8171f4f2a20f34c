# expect: pass
# The weight's shape multiplied out with math.prod; the bias as a bool times the channels.
import math

def conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    kernel = [kernel_size] * 2 if isinstance(kernel_size, int) else list(kernel_size)
    weights = math.prod([out_channels, in_channels, *kernel])
    return weights + out_channels * int(bool(bias)), math.prod([weights, h_out, w_out])
