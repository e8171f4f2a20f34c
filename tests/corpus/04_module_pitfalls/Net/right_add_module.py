# expect: pass
# EE-559's NotBuggyAnymore: add_module registers a layer under a name, like an attribute.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        for name, layer in (("conv1", nn.Conv2d(1, 32, 5)), ("conv2", nn.Conv2d(32, 64, 5)),
                            ("fc1", nn.Linear(256, 200)), ("fc2", nn.Linear(200, 10))):
            self.add_module(name, layer)

    def forward(self, x):
        x = F.max_pool2d(self.conv1(x), 3).relu()
        x = F.max_pool2d(self.conv2(x), 2).relu()
        return self.fc2(F.relu(self.fc1(torch.flatten(x, start_dim=1))))
