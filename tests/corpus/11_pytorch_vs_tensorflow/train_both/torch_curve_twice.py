# expect: the Keras curve
# message: the Keras curve: wrong value
# message: no TensorFlow matmul ran
# Both curves from the torch run: they agree, but nothing was trained in Keras.
def train_both(x, y, hidden, steps, lr, seed):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1])).to(x_t.dtype)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = F.mse_loss(net(x_t), y_t)
        losses.append(loss.item())
        opt.zero_grad(); loss.backward(); opt.step()
    return losses, list(losses)
