# expect: pass
# EE-559's NotBuggyAnymore: add_module and getattr.
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.n_heads = len(head_sizes)
        for i, size in enumerate(head_sizes):
            self.add_module(f"ahhh_{i}", nn.Linear(in_features, size))

    def forward(self, x):
        return [getattr(self, f"ahhh_{i}")(x) for i in range(self.n_heads)]
