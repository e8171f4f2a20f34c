# expect: pass
# Keras runs the loop: compile and fit on one full batch per epoch (fit reports each epoch's loss
# before its update), eagerly to skip tracing a graph for such a small model.
def train_both(x, y, hidden, steps, lr, seed):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1])).to(x_t.dtype)
    init = [p.detach().numpy().copy() for p in net.parameters()]

    opt = torch.optim.SGD(net.parameters(), lr=lr)
    torch_losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.MSELoss()(net(x_t), y_t)
        torch_losses.append(float(loss))
        loss.backward()
        opt.step()

    model = keras.Sequential([keras.Input(shape=(x.shape[1],)),
                              keras.layers.Dense(hidden, activation="relu"), keras.layers.Dense(y.shape[1])])
    model.set_weights([init[0].T, init[1], init[2].T, init[3]])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse", run_eagerly=True)
    history = model.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0)
    return torch_losses, history.history["loss"]
