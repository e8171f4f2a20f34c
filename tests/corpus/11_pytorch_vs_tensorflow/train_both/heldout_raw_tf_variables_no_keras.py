# expect: the Keras curve
# message: no Keras model was called
# message: keras.Sequential of two Dense layers
# Found by a held-out tester: the "Keras" side is Exercise 2's raw TensorFlow (tf.Variables, a tape, assign_sub): the curve is right, but no Keras model is trained.
def train_both(x, y, hidden, steps, lr, seed):
    # the "Keras" side is Exercise 2's raw TensorFlow (tf.Variables, a tape, a manual update):
    # no keras.Sequential, no Dense layers, no keras.optimizers.SGD
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, y.shape[1]))
    params = [tf.Variable(p.detach().numpy().T if p.ndim == 2 else p.detach().numpy()) for p in net.parameters()]
    k1, b1, k2, b2 = params
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    xk, yk = tf.constant(x, tf.float32), tf.constant(y, tf.float32)
    opt = torch.optim.SGD(net.parameters(), lr)
    tl, kl = [], []
    for _ in range(steps):
        loss = F.mse_loss(net(xt), yt)
        tl.append(loss.item())
        opt.zero_grad(); loss.backward(); opt.step()
        with tf.GradientTape() as tape:
            l = tf.reduce_mean((tf.nn.relu(xk @ k1 + b1) @ k2 + b2 - yk) ** 2)
        kl.append(float(l))
        for v, gr in zip(params, tape.gradient(l, params)):
            v.assign_sub(lr * gr)
    return tl, kl
