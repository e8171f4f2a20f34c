# expect: required
# message: does not use torch.addmm
def linear_batched(x, w, b):
    return torch.baddbmm(b, x.unsqueeze(0), w.t().unsqueeze(0)).squeeze(0)
