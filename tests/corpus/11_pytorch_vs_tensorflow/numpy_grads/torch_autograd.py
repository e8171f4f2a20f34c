# expect: forbidden
# message: uses torch, which this exercise forbids
# message: by hand, in NumPy
# Autograd does the work: exactly what the exercise asks to do by hand.
def numpy_grads(x, y, z):
    xt, yt, zt = (torch.from_numpy(a).requires_grad_() for a in (x, y, z))
    (xt * yt + zt).sum().backward()
    return xt.grad.numpy(), yt.grad.numpy(), zt.grad.numpy()
