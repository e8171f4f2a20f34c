# expect: values
# message: the bias b is missing
def linear_batched(x, w, b):
    return torch.addmm(torch.zeros_like(b), x, w.t())
