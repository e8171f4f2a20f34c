# expect: autograd
# message: uses autograd, which this exercise forbids
# The Jacobian of a scalar loss is its gradient: torch.autograd.functional.jacobian runs the
# autograd engine for it.
def two_layer_manual(x, y, w1, w2):
    def loss_fn(w1, w2):
        return ((x.mm(w1).clamp(min=0).mm(w2) - y) ** 2).sum()
    grad_w1, grad_w2 = torch.autograd.functional.jacobian(loss_fn, (w1, w2))
    return loss_fn(w1, w2), grad_w1, grad_w2
