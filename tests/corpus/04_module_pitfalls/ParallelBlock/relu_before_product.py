# expect: values
# message: output: wrong values
# message: the ReLU after the product
class ParallelBlock(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.linear1 = nn.Linear(d_in, d_out)
        self.linear2 = nn.Linear(d_in, d_out)

    def forward(self, x):
        return F.relu(self.linear1(x)) * F.relu(self.linear2(x))
