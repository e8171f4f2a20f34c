# expect: pass
# The size formula with torch's own pair helper; floor division on Python ints.
from torch.nn.modules.utils import _pair

def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    n, c, h, w = input_shape
    k, s, p, d = _pair(kernel_size), _pair(stride), _pair(padding), _pair(dilation)
    spatial = [(size + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i, size in enumerate((h, w))]
    return n, c * k[0] * k[1], spatial[0] * spatial[1]
