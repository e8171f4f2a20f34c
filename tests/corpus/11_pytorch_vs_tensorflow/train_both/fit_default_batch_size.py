# expect: values
# message: Keras losses[0]: wrong value
# model.fit without batch_size: Keras cuts the data into batches of 32, so with more than 32 samples
# an epoch is several steps and reports their average loss; the exercise is full-batch.
def train_both(x, y, hidden, steps, lr, seed):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1])).to(x_t.dtype)
    model = keras.Sequential([keras.Input(shape=(x.shape[1],)), keras.layers.Dense(hidden, activation="relu"),
                              keras.layers.Dense(y.shape[1])])
    model.set_weights([p.detach().numpy().T if p.dim() == 2 else p.detach().numpy() for p in net.parameters()])
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    torch_losses = []
    for _ in range(steps):
        loss = F.mse_loss(net(x_t), y_t)
        torch_losses.append(loss.item())
        opt.zero_grad(); loss.backward(); opt.step()
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse", run_eagerly=True)
    history = model.fit(x, y, epochs=steps, shuffle=False, verbose=0)
    return torch_losses, history.history["loss"]
