# expect: autograd
# message: expected a tensor that requires grad
def linear_batched(x, w, b):
    return torch.addmm(b, x, w.t()).detach()
