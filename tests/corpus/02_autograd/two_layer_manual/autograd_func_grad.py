# expect: autograd
# message: The autograd engine ran inside your function
# torch.func.grad is autograd under another name.
def two_layer_manual(x, y, w1, w2):
    def loss_fn(w1, w2):
        return ((torch.relu(x @ w1) @ w2 - y) ** 2).sum()
    (g1, g2), loss = torch.func.grad_and_value(loss_fn, argnums=(0, 1))(w1, w2)
    return loss, g1, g2
