# expect: type
# message: expected an int (24), got a torch.Tensor
# The formula on tensors: every size comes back as a 0-dim tensor, not a Python int.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: torch.tensor([v, v] if isinstance(v, int) else list(v))
    k, s, p, d = map(pair, (kernel_size, stride, padding, dilation))
    out = (torch.tensor([h, w]) + 2 * p - d * (k - 1) - 1) // s + 1
    if (out < 1).any():
        raise ValueError(f"empty output: height {int(out[0])}, width {int(out[1])}")
    return out[0], out[1]
