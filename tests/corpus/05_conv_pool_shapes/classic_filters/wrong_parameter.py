# expect: type
# message: expected a plain torch.Tensor, got an nn.Parameter
# The slides' layer's weight itself: an nn.Parameter that requires grad.
def classic_filters():
    f = nn.Conv2d(1, 5, kernel_size=3)
    with torch.no_grad():
        f.weight.copy_(torch.tensor([
            [[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]],
            [[1., 1., 1.], [1., 1., 1.], [1., 1., 1.]],
            [[-1., 0., 1.], [-1., 0., 1.], [-1., 0., 1.]],
            [[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]],
            [[0., -1., 0.], [-1., 4., -1.], [0., -1., 0.]],
        ]).unsqueeze(1))
    return f.weight
