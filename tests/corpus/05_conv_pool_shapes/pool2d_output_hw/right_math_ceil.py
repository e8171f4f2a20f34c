# expect: pass
# math.ceil / math.floor on true divisions, then PyTorch's rule for the last window.
import math

def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    def pair(v):
        return (int(v), int(v)) if isinstance(v, int) else (int(v[0]), int(v[1]))
    k, p, d = pair(kernel_size), pair(padding), pair(dilation)
    s = pair(stride) if stride is not None else k
    for i, name in enumerate(("height", "width")):
        if 2 * p[i] > k[i] - k[i] % 2:  # p > k // 2
            raise ValueError(f"Padding {p[i]} (in the {name}) exceeds half of kernel size {k[i]}")
    result = []
    for i, n in enumerate((h, w)):
        rounding = math.ceil if ceil_mode else math.floor
        out = rounding((n + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i]) + 1
        if ceil_mode and (out - 1) * s[i] >= n + p[i]:
            out -= 1
        result.append(out)
    if result[0] < 1:
        raise ValueError(f"Output HEIGHT is {result[0]}")
    if result[1] < 1:
        raise ValueError(f"Output WIDTH is {result[1]}")
    return tuple(result)
