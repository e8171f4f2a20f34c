# expect: gradients
# message: no gradient flows back to b
def linear_batched(x, w, b):
    return torch.addmm(b.detach(), x, w.t())
