# expect: structure
# message: missing: ['heads.1.bias: (3,)', 'heads.1.weight: (3, 4)']
# Two heads of the same size share one key: the second overwrites the first.
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.sizes = list(head_sizes)
        self.heads = nn.ModuleDict({str(size): nn.Linear(in_features, size) for size in head_sizes})

    def forward(self, x):
        return [self.heads[str(size)](x) for size in self.sizes]
