# expect: values
# message: torch losses[2]: wrong value
# SGD with momentum on both sides: the same on the first two steps, then faster than plain SGD.
def train_both(x, y, hidden, steps, lr, seed):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1])).to(x_t.dtype)
    model = keras.Sequential([keras.Input(shape=(x.shape[1],)), keras.layers.Dense(hidden, activation="relu"),
                              keras.layers.Dense(y.shape[1])])
    model.set_weights([p.detach().numpy().T if p.dim() == 2 else p.detach().numpy() for p in net.parameters()])
    opt_t = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    opt_k = keras.optimizers.SGD(learning_rate=lr, momentum=0.9)
    mse = keras.losses.MeanSquaredError()
    torch_losses, keras_losses = [], []
    for _ in range(steps):
        loss = F.mse_loss(net(x_t), y_t)
        torch_losses.append(loss.item())
        opt_t.zero_grad(); loss.backward(); opt_t.step()
        with tf.GradientTape() as tape:
            k_loss = mse(y, model(x))
        keras_losses.append(float(k_loss))
        opt_k.apply_gradients(zip(tape.gradient(k_loss, model.trainable_variables), model.trainable_variables))
    return torch_losses, keras_losses
