# expect: values
# message: Keras losses[0]: wrong value
# The lecture's TensorFlow loss (sum over the outputs, mean over the rows) on the Keras side: not the
# mean squared error of F.mse_loss when there is more than one output.
def train_both(x, y, hidden, steps, lr, seed):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1]))
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(hidden, activation="relu"), keras.layers.Dense(y.shape[1])])
    model.set_weights([p.detach().numpy().T if p.ndim == 2 else p.detach().numpy() for p in net.parameters()])
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    opt_t, opt_k = torch.optim.SGD(net.parameters(), lr=lr), keras.optimizers.SGD(lr)
    tl, kl = [], []
    for _ in range(steps):
        l = F.mse_loss(net(xt), yt); tl.append(l.item()); opt_t.zero_grad(); l.backward(); opt_t.step()
        with tf.GradientTape() as tape:
            k = tf.reduce_mean(tf.reduce_sum((model(x) - tf.cast(y, tf.float32)) ** 2, axis=1))
        kl.append(float(k))
        opt_k.apply_gradients(zip(tape.gradient(k, model.trainable_variables), model.trainable_variables))
    return tl, kl
