# expect: pass
# Everything in float32 (the curves are compared to 1e-4), the torch update written by hand,
# the Keras weights assigned variable by variable and updated with assign_sub.
def train_both(x, y, hidden, steps, lr, seed):
    x32, y32 = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    torch.manual_seed(seed)
    first, second = nn.Linear(x.shape[1], hidden), nn.Linear(hidden, y.shape[1])
    net = nn.Sequential(first, nn.ReLU(), second)
    model = keras.Sequential([keras.layers.Dense(hidden, activation="relu"), keras.layers.Dense(y.shape[1])])
    model.build((None, x.shape[1]))
    for dense, linear in zip(model.layers, (first, second)):
        dense.kernel.assign(linear.weight.detach().numpy().T)
        dense.bias.assign(linear.bias.detach().numpy())
    xt, yt = torch.from_numpy(x32), torch.from_numpy(y32)
    torch_losses, keras_losses = [], []
    for _ in range(steps):
        loss = ((net(xt) - yt) ** 2).mean()
        torch_losses.append(loss.item())
        net.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= lr * p.grad
        with tf.GradientTape() as tape:
            k_loss = tf.reduce_mean(tf.square(model(x32) - y32))
        keras_losses.append(k_loss.numpy())
        for v, g in zip(model.trainable_variables, tape.gradient(k_loss, model.trainable_variables)):
            v.assign_sub(lr * g)
    return torch_losses, keras_losses
