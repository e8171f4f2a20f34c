# expect: type
# message: got a NumPy scalar
# NumPy's floor division: the sizes are numpy.int64, not Python ints.
import numpy as np

def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = (np.broadcast_to(np.asarray(v), (2,)) for v in (kernel_size, stride, padding, dilation))
    out = (np.array([h, w]) + 2 * p - d * (k - 1) - 1) // s + 1
    if (out < 1).any():
        raise ValueError(f"empty output: height {out[0]}, width {out[1]}")
    return out[0], out[1]
