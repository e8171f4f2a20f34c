# expect: pass
# Keras's train_on_batch (the loss of the forward pass before its update), eagerly; the torch side
# reads the loss after backward (still before the step); torch.tensor copies the arrays in float32.
def train_both(x, y, hidden, steps, lr, seed):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1]))
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(hidden, activation="relu"), keras.layers.Dense(y.shape[1])])
    model.set_weights([p.detach().numpy().T if p.ndim == 2 else p.detach().numpy() for p in net.parameters()])
    model.compile(optimizer=keras.optimizers.SGD(lr), loss=keras.losses.MeanSquaredError(), run_eagerly=True)
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    opt = torch.optim.SGD(net.parameters(), lr)
    tl, kl = [], []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.MSELoss()(net(xt), yt)
        loss.backward()
        tl.append(loss.item())
        opt.step()
        kl.append(float(model.train_on_batch(x.astype(np.float32), y.astype(np.float32))))
    return tl, kl
