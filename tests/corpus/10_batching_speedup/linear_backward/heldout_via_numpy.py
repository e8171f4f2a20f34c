# expect: device
# message: mixes devices
# From a held-out tester (contract-only answers).
def linear_backward(grad_s, x, w):
    # computes in NumPy: right numbers on the CPU, but the result always lands on the CPU
    # (and meta tensors have no data to hand to NumPy)
    g, xn, wn = grad_s.detach().cpu().numpy(), x.detach().cpu().numpy(), w.detach().cpu().numpy()
    return torch.from_numpy(g @ wn), torch.from_numpy(g.T @ xn), torch.from_numpy(g.sum(0))
