# expect: shape
# message: expected shape (4, 2), got (4, 3)
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.heads = nn.ModuleList([nn.Linear(in_features, size) for size in head_sizes])

    def forward(self, x):
        outputs = []
        for head in self.heads:
            outputs.insert(0, head(x))
        return outputs
