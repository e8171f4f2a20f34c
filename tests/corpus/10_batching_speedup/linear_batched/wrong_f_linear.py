# expect: forbidden
# message: uses F.linear / nn.Linear, which this exercise forbids
# message: aten::linear
def linear_batched(x, w, b):
    return F.linear(x, w, b)
