# expect: values
# message: input gradient: wrong values
# message: keep the mean in the graph
# The batch mean detached ("statistics are constants"): right values, a gradient of the identity
# instead of (I - 1/N). Found by a held-out tester.
class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        self.register_buffer("running_mean", torch.zeros(num_features))

    def forward(self, x):
        if self.training:
            mean = x.mean(0).detach()
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            return x - mean
        return x - self.running_mean
