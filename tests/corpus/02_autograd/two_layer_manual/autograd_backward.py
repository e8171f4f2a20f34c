# expect: autograd
# message: uses autograd, which this exercise forbids
def two_layer_manual(x, y, w1, w2):
    w1 = w1.detach().clone().requires_grad_()
    w2 = w2.detach().clone().requires_grad_()
    loss = ((torch.relu(x @ w1) @ w2 - y) ** 2).sum()
    loss.backward()
    return loss.detach(), w1.grad, w2.grad
