# expect: values
# message: step 2, forward (5, 3): output: wrong values
# Train mode subtracts the running mean it just updated, not the batch's mean.
class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        self.register_buffer("running_mean", torch.zeros(num_features))

    def forward(self, x):
        if self.training:
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * x.mean(0))
        return x - self.running_mean
