# expect: vectorized
# message: a Python loop over the rows (samples) of x was detected
# The lecture's loop, one sample at a time (each with its own addmm).
def linear_batched(x, w, b):
    return torch.cat([torch.addmm(b, x[n:n + 1], w.t()) for n in range(x.shape[0])])
