# expect: pass
def linear_batched(x, w, b):
    return torch.addmm(b.unsqueeze(0), x, w.t().contiguous())
