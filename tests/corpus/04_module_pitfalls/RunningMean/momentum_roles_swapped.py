# expect: values
# message: step 2, forward (5, 3): buffers after['running_mean']: wrong values
# Keras's convention: momentum weighs the old value.
class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        self.register_buffer("running_mean", torch.zeros(num_features))

    def forward(self, x):
        if self.training:
            mean = x.mean(0)
            with torch.no_grad():
                self.running_mean.mul_(self.momentum).add_((1 - self.momentum) * mean)
            return x - mean
        return x - self.running_mean
