# expect: structure
# message: layers (a plain list of layers or tensors)
class ParallelBlock(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.layers = [nn.Linear(d_in, d_out), nn.Linear(d_in, d_out)]

    def forward(self, x):
        h1, h2 = (layer(x) for layer in self.layers)
        return (h1 * h2).clamp(min=0)
