# expect: values
# message: largest error 4.0 at [4, 0, 1, 1]
# The other Laplacian, 8 at the centre and -1 at all eight neighbours: not EE-559's.
def classic_filters():
    return torch.tensor([
        [[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]],
        [[1., 1., 1.], [1., 1., 1.], [1., 1., 1.]],
        [[-1., 0., 1.], [-1., 0., 1.], [-1., 0., 1.]],
        [[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]],
        [[-1., -1., -1.], [-1., 8., -1.], [-1., -1., -1.]],
    ]).unsqueeze(1)
