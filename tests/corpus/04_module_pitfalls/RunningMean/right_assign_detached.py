# expect: pass
# Assigning a tensor to a buffer's name replaces the buffer (nn.Module.__setattr__); detached, it stays out of the graph.
class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.m = momentum
        self.register_buffer("running_mean", torch.zeros(num_features))

    def forward(self, x):
        if self.training:
            mu = x.sum(0) / x.shape[0]
            self.running_mean = (1 - self.m) * self.running_mean + self.m * mu.detach()
            return x - mu
        return x - self.running_mean
