# expect: autograd
# message: buffers after['running_mean']: expected requires_grad=False, got requires_grad=True
# message: torch.no_grad()
class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        self.register_buffer("running_mean", torch.zeros(num_features))

    def forward(self, x):
        if self.training:
            mean = x.mean(0)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            return x - mean
        return x - self.running_mean
