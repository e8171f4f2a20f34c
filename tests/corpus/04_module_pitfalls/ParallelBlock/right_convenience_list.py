# expect: pass
# The layers are attributes (registered); a plain list of the same layers beside them hides nothing.
class ParallelBlock(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.linear1 = nn.Linear(d_in, d_out)
        self.linear2 = nn.Linear(d_in, d_out)
        self.both = [self.linear1, self.linear2]

    def forward(self, x):
        h1, h2 = (layer(x) for layer in self.both)
        return F.relu(h1 * h2)
