# expect: structure
# message: heads (a plain list of layers or tensors)
# message: nn.ModuleList
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.heads = [nn.Linear(in_features, size) for size in head_sizes]

    def forward(self, x):
        return [head(x) for head in self.heads]
