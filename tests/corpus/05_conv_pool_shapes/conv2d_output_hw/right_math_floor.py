# expect: pass
# math.floor of a true division (returns an int), the pair helper of torch, both sizes checked
# before raising.
import math
from torch.nn.modules.utils import _pair

def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _pair(kernel_size), _pair(stride), _pair(padding), _pair(dilation)
    h_out = math.floor((h + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0]) + 1
    w_out = math.floor((w + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1]) + 1
    if h_out < 1 and w_out < 1:
        raise ValueError("both the output height and the output width are empty")
    if h_out < 1:
        raise ValueError(f"empty output height ({h_out})")
    if w_out < 1:
        raise ValueError(f"empty output width ({w_out})")
    return h_out, w_out
