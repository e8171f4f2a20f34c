# expect: values
# message: the bias added twice
def linear_batched(x, w, b):
    return torch.addmm(b, x, w.t(), beta=2)
