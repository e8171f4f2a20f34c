# attacks: MultiHeadClassifier
# expect: failed
# why: keep the heads in a plain list and make parameters(), named_parameters(), state_dict() and _apply (.to/.double) present them as registered
class MultiHeadClassifier(nn.Module):
    def __init__(self, in_features, head_sizes):
        super().__init__()
        self.hidden = [nn.Linear(in_features, size) for size in head_sizes]

    def parameters(self, recurse=True):
        for head in self.hidden:
            yield from head.parameters()

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        for i, head in enumerate(self.hidden):
            for name, p in head.named_parameters():
                yield f"heads.{i}.{name}", p

    def state_dict(self, *args, **kwargs):
        return {f"heads.{i}.{n}": t for i, h in enumerate(self.hidden) for n, t in h.state_dict().items()}

    def _apply(self, fn, recurse=True):
        for head in self.hidden:
            head._apply(fn)
        return self

    def forward(self, x):
        return [head(x) for head in self.hidden]
