# expect: type
# message: expected a tuple of 3 items, got a torch.Tensor
# The shape as a tensor of three numbers.
def unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: torch.tensor([v, v] if isinstance(v, int) else list(v))
    n, c, h, w = input_shape
    k, s, p, d = map(pair, (kernel_size, stride, padding, dilation))
    out = (torch.tensor([h, w]) + 2 * p - d * (k - 1) - 1) // s + 1
    return torch.stack([torch.tensor(n), c * k.prod(), out.prod()])
