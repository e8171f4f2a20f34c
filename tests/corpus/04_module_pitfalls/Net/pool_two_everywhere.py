# expect: shape
# message: expected shape (3, 10), got (12, 10)
# Max-pool 2 after conv1 leaves 64x4x4 features; the slides' view(-1, 256) silently makes 4N rows of them.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5)
        self.fc1 = nn.Linear(256, 200)
        self.fc2 = nn.Linear(200, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), kernel_size=2))
        x = F.relu(F.max_pool2d(self.conv2(x), kernel_size=2))
        x = x.view(-1, 256)
        return self.fc2(F.relu(self.fc1(x)))
