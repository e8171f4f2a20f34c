# expect: structure
# message: unexpected: ['running_mean: (3,)']
# message: register_buffer
# requires_grad=False keeps it out of autograd, but it is still a parameter: an optimizer gets it.
class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        self.running_mean = nn.Parameter(torch.zeros(num_features), requires_grad=False)

    def forward(self, x):
        if self.training:
            mean = x.mean(0)
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean.detach())
            return x - mean
        return x - self.running_mean
