# expect: autograd
# message: The autograd engine ran inside your function
# torch.autograd.functional hides the backward call, but it still runs the autograd engine.
def toy_graph_grads(a, w1, w2, w3, w4):
    def loss(a, w1, w2, w3, w4):
        return (10 - (w3 * (w1 * a) + w4 * (w2 * a))).sum()
    _, grads = torch.autograd.functional.vjp(loss, (a, w1, w2, w3, w4))
    return grads
