# expect: tf.GradientTape
# message: tf.GradientTape: wrong value
# PyTorch's autograd gives the same numbers, but the exercise asks for TensorFlow's.
def tf_two_layer_grads(x, y, w1, w2):
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    w1t, w2t = torch.from_numpy(w1).requires_grad_(), torch.from_numpy(w2).requires_grad_()
    loss = ((torch.relu(xt @ w1t) @ w2t - yt) ** 2).sum(dim=1).mean()
    loss.backward()
    return loss.detach().numpy(), w1t.grad.numpy(), w2t.grad.numpy()
