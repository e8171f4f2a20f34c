# expect: type
# message: output: expected a list, got a tuple
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.heads = nn.ModuleList(nn.Linear(in_features, size) for size in head_sizes)

    def forward(self, x):
        return tuple(head(x) for head in self.heads)
