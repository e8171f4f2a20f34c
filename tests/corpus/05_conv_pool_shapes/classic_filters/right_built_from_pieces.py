# expect: pass
# Built from pieces: the edges as outer products, the Laplacian as 5·identity minus a cross.
def classic_filters():
    identity = torch.zeros(3, 3)
    identity[1, 1] = 1
    box = torch.ones(3, 3)
    ramp = torch.tensor([-1., 0., 1.])
    vertical = torch.ones(3, 1) * ramp           # every row -1, 0, 1: columns -1, 0, 1
    horizontal = ramp.view(3, 1) * torch.ones(3)  # rows -1, 0, 1
    cross = torch.tensor([[0., 1., 0.], [1., 1., 1.], [0., 1., 0.]])
    laplacian = 5 * identity - cross
    return torch.stack([identity, box, vertical, horizontal, laplacian]).view(5, 1, 3, 3)
