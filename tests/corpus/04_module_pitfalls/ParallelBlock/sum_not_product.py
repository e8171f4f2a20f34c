# expect: values
# message: output: wrong values
class ParallelBlock(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.linear1 = nn.Linear(d_in, d_out)
        self.linear2 = nn.Linear(d_in, d_out)

    def forward(self, x):
        return (self.linear1(x) + self.linear2(x)).clamp(min=0)
