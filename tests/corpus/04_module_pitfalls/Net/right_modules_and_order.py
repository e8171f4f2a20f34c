# expect: pass
# Parameter-free modules for pooling, ReLU and flattening, and the layers created in another order.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc2 = nn.Linear(200, 10)
        self.fc1 = nn.Linear(256, 200)
        self.conv2 = nn.Conv2d(32, 64, 5)
        self.conv1 = nn.Conv2d(1, 32, 5)
        self.pool3 = nn.MaxPool2d(3)
        self.pool2 = nn.MaxPool2d(2, stride=2)
        self.act = nn.ReLU()
        self.flatten = nn.Flatten()

    def forward(self, x):
        x = self.act(self.pool3(self.conv1(x)))
        x = self.act(self.pool2(self.conv2(x)))
        return self.fc2(self.act(self.fc1(self.flatten(x))))
