# expect: values
# message: the kernels are flipped (rotated by 180°)
# Kernels flipped as a "true" convolution would (rotated 180°).
def classic_filters():
    f = torch.tensor([
        [[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]],
        [[1., 1., 1.], [1., 1., 1.], [1., 1., 1.]],
        [[-1., 0., 1.], [-1., 0., 1.], [-1., 0., 1.]],
        [[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]],
        [[0., -1., 0.], [-1., 4., -1.], [0., -1., 0.]],
    ])
    return f.flip(-1, -2).unsqueeze(1)
