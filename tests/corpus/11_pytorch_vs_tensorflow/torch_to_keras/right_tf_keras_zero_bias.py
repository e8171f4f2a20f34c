# expect: pass
# tf.keras's names, a bias everywhere (zeros where the Linear has none), ReLUs as Activation
# layers, and the weights set on the whole model at once.
def torch_to_keras(mlp):
    first = next(m for m in mlp if isinstance(m, nn.Linear))
    layers, weights = [tf.keras.Input(shape=(first.in_features,))], []
    for m in mlp:
        if isinstance(m, nn.Linear):
            layers.append(tf.keras.layers.Dense(m.out_features))
            weights.append(np.ascontiguousarray(m.weight.detach().numpy().transpose()))
            bias = m.bias.detach().numpy() if m.bias is not None else np.zeros(m.out_features, np.float32)
            weights.append(bias)
        elif isinstance(m, nn.ReLU):
            layers.append(tf.keras.layers.Activation("relu"))
    model = tf.keras.Sequential(layers)
    model.set_weights(weights)
    return model
