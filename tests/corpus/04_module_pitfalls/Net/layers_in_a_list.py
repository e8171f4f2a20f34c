# expect: structure
# message: layers (a plain list of layers or tensors)
# message: nn.ModuleList
# EE-559's Buggy: the layers work, but PyTorch does not see them.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Conv2d(1, 32, kernel_size=5), nn.Conv2d(32, 64, kernel_size=5),
                       nn.Linear(256, 200), nn.Linear(200, 10)]

    def forward(self, x):
        conv1, conv2, fc1, fc2 = self.layers
        x = F.relu(F.max_pool2d(conv1(x), 3))
        x = F.relu(F.max_pool2d(conv2(x), 2))
        return fc2(F.relu(fc1(x.flatten(1))))
