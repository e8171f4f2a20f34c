# expect: pass
def linear_backward(grad_s, x, w):
    return torch.mm(grad_s, w), torch.mm(grad_s.T, x), grad_s.sum(dim=0, keepdim=True).squeeze(0)
