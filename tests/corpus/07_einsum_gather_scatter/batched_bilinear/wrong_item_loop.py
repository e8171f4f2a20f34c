# expect: autograd
# message: expected a tensor that requires grad
# Rebuilding the output from Python floats cuts the graph.
def batched_bilinear(x, A, y):
    return torch.tensor([torch.einsum("n,nm,m->", x[b], A, y[b]).item() for b in range(x.shape[0])])
