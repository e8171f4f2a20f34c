# expect: pass
# nn.ModuleDict keeps its keys in insertion order; the names are free.
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.classifiers = nn.ModuleDict()
        for i, size in enumerate(head_sizes):
            self.classifiers[f"task_{i}"] = nn.Linear(in_features, size)

    def forward(self, x):
        return [layer(x) for layer in self.classifiers.values()]
