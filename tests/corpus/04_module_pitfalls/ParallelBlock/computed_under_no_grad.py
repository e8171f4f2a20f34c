# expect: autograd
# message: output: expected requires_grad=True, got requires_grad=False
# The product computed under no_grad: no gradient reaches the layers (found by the held-out answers).
class ParallelBlock(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.linear1 = nn.Linear(d_in, d_out)
        self.linear2 = nn.Linear(d_in, d_out)

    def forward(self, x):
        with torch.no_grad():
            h = self.linear1(x) * self.linear2(x)
        return h.clamp(min=0)
