# expect: values
# message: torch losses[0]: wrong value
# message: each loss is recorded after its step
# The loss measured again after each update: the curve starts one step late.
def train_both(x, y, hidden, steps, lr, seed):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1])).to(x_t.dtype)
    model = keras.Sequential([keras.Input(shape=(x.shape[1],)), keras.layers.Dense(hidden, activation="relu"),
                              keras.layers.Dense(y.shape[1])])
    model.set_weights([p.detach().numpy().T if p.dim() == 2 else p.detach().numpy() for p in net.parameters()])
    opt_t, opt_k = torch.optim.SGD(net.parameters(), lr=lr), keras.optimizers.SGD(learning_rate=lr)
    mse = keras.losses.MeanSquaredError()
    torch_losses, keras_losses = [], []
    for _ in range(steps):
        opt_t.zero_grad()
        F.mse_loss(net(x_t), y_t).backward()
        opt_t.step()
        torch_losses.append(F.mse_loss(net(x_t), y_t).item())
        with tf.GradientTape() as tape:
            loss = mse(y, model(x))
        opt_k.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        keras_losses.append(float(mse(y, model(x))))
    return torch_losses, keras_losses
