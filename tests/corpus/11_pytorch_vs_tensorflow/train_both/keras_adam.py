# expect: values
# message: Keras losses[1]: wrong value
# message: the Keras side trains with Adam
# Keras's usual optimizer on one side, plain SGD on the other: the curves part after one step.
def train_both(x, y, hidden, steps, lr, seed):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1])).to(x_t.dtype)
    model = keras.Sequential([keras.Input(shape=(x.shape[1],)), keras.layers.Dense(hidden, activation="relu"),
                              keras.layers.Dense(y.shape[1])])
    model.set_weights([p.detach().numpy().T if p.dim() == 2 else p.detach().numpy() for p in net.parameters()])
    opt_t, opt_k = torch.optim.SGD(net.parameters(), lr=lr), keras.optimizers.Adam(learning_rate=lr)
    torch_losses, keras_losses = [], []
    for _ in range(steps):
        loss = F.mse_loss(net(x_t), y_t)
        torch_losses.append(loss.item())
        opt_t.zero_grad(); loss.backward(); opt_t.step()
        with tf.GradientTape() as tape:
            k_loss = tf.reduce_mean(tf.square(model(x) - tf.cast(y, tf.float32)))
        keras_losses.append(float(k_loss))
        opt_k.apply_gradients(zip(tape.gradient(k_loss, model.trainable_variables), model.trainable_variables))
    return torch_losses, keras_losses
