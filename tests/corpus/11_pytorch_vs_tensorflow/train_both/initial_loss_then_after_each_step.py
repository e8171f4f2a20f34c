# expect: structure
# message: torch losses: expected 6 items, got 7
# The initial loss, then the loss after every step: steps + 1 values.
def train_both(x, y, hidden, steps, lr, seed):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1]))
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(hidden, activation="relu"), keras.layers.Dense(y.shape[1])])
    model.set_weights([p.detach().numpy().T if p.ndim == 2 else p.detach().numpy() for p in net.parameters()])
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    opt_t, opt_k = torch.optim.SGD(net.parameters(), lr=lr), keras.optimizers.SGD(lr)
    mse = keras.losses.MeanSquaredError()
    tl, kl = [F.mse_loss(net(xt), yt).item()], [float(mse(y, model(x)))]
    for _ in range(steps):
        l = F.mse_loss(net(xt), yt); opt_t.zero_grad(); l.backward(); opt_t.step()
        tl.append(F.mse_loss(net(xt), yt).item())
        with tf.GradientTape() as tape:
            k = mse(y, model(x))
        opt_k.apply_gradients(zip(tape.gradient(k, model.trainable_variables), model.trainable_variables))
        kl.append(float(mse(y, model(x))))
    return tl, kl
