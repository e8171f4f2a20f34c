# expect: values
# message: the Keras layers: wrong value
# message: expected 'Dense - ReLU - Dense', got 'Dense - ReLU - ReLU - Dense'
# Found by a held-out tester: Dense(activation="relu") AND a ReLU() layer after it: relu(relu(v)) = relu(v), so kernels, biases and outputs match, but the model holds a layer the torch module does not.
def torch_to_keras(mlp):
    # subtle: every Dense followed by a ReLU gets activation="relu" AND a separate ReLU layer;
    # relu(relu(v)) = relu(v), so weights and outputs match, but the model holds layers mlp lacks
    mods = list(mlp)
    model = keras.Sequential([keras.Input(shape=(mods[0].in_features,))])
    for i, m in enumerate(mods):
        if isinstance(m, nn.Linear):
            relu_next = i + 1 < len(mods) and isinstance(mods[i + 1], nn.ReLU)
            d = keras.layers.Dense(m.out_features, activation="relu" if relu_next else None,
                                   use_bias=m.bias is not None)
            model.add(d)
            d.set_weights([m.weight.detach().numpy().T] + ([m.bias.detach().numpy()] if m.bias is not None else []))
        else:
            model.add(keras.layers.ReLU())
    return model
