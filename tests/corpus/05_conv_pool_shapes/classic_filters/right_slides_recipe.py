# expect: pass
# The slides' recipe: an nn.Conv2d(1, 5, 3) whose five kernels are set by hand, its weight returned
# as a plain tensor (detached, copied).
def classic_filters():
    f = nn.Conv2d(1, 5, kernel_size=3)
    with torch.no_grad():
        f.bias.zero_()
        f.weight[0] = torch.tensor([[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]])
        f.weight[1] = torch.tensor([[1., 1., 1.], [1., 1., 1.], [1., 1., 1.]])
        f.weight[2] = torch.tensor([[-1., 0., 1.], [-1., 0., 1.], [-1., 0., 1.]])
        f.weight[3] = torch.tensor([[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]])
        f.weight[4] = torch.tensor([[0., -1., 0.], [-1., 4., -1.], [0., -1., 0.]])
    return f.weight.detach().clone()
