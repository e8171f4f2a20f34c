# expect: values
# message: expected 'fc1.bias: (200,)', got 'classifier.0.bias: (200,)'
# Registered, but under other names than the contract's conv1, conv2, fc1, fc2.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 32, 5), nn.MaxPool2d(3), nn.ReLU(),
                                      nn.Conv2d(32, 64, 5), nn.MaxPool2d(2), nn.ReLU(), nn.Flatten())
        self.classifier = nn.Sequential(nn.Linear(256, 200), nn.ReLU(), nn.Linear(200, 10))

    def forward(self, x):
        return self.classifier(self.features(x))
