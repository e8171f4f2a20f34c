# expect: values
# message: the two edge filters are swapped (or transposed)
# The vertical edge written as rows -1, 0, 1 (and the horizontal one as columns).
def classic_filters():
    return torch.tensor([
        [[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]],
        [[1., 1., 1.], [1., 1., 1.], [1., 1., 1.]],
        [[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]],
        [[-1., 0., 1.], [-1., 0., 1.], [-1., 0., 1.]],
        [[0., -1., 0.], [-1., 4., -1.], [0., -1., 0.]],
    ]).unsqueeze(1)
