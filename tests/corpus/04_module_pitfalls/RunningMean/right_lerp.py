# expect: pass
# lerp_(end, w) is start + w * (end - start) = (1 - w) * start + w * end.
class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.momentum = float(momentum)

    def forward(self, x):
        if not self.training:
            return x - self.running_mean
        batch_mean = x.mean(dim=0)
        self.running_mean.lerp_(batch_mean.detach(), self.momentum)
        return x - batch_mean
