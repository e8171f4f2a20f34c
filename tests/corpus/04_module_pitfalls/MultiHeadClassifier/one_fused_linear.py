# expect: structure
# message: expected 6 items, got 2
# One big layer split into pieces computes the same kind of thing, but it is not one head per entry.
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.sizes = list(head_sizes)
        self.all_heads = nn.Linear(in_features, sum(self.sizes))

    def forward(self, x):
        return list(self.all_heads(x).split(self.sizes, dim=1))
