# expect: structure
# message: all_heads (a plain list of layers or tensors)
# self.head is re-assigned in the loop: only the last head is registered, the others live in a list.
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.all_heads = []
        for size in head_sizes:
            self.head = nn.Linear(in_features, size)
            self.all_heads.append(self.head)

    def forward(self, x):
        return [head(x) for head in self.all_heads]
