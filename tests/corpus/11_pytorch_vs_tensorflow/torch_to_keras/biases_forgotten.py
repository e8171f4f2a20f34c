# expect: values
# message: Dense biases[0]: wrong values
# message: Copy each Linear's bias into its Dense layer
# Only the kernels copied: every Dense keeps Keras's initial zero bias.
def torch_to_keras(mlp):
    first = next(m for m in mlp if isinstance(m, nn.Linear))
    layers = [keras.Input(shape=(first.in_features,))]
    kernels = []
    for m in mlp:
        if isinstance(m, nn.Linear):
            layers.append(keras.layers.Dense(m.out_features))
            kernels.append(m.weight.detach().numpy().T)
        else:
            layers.append(keras.layers.ReLU())
    model = keras.Sequential(layers)
    for layer, kernel in zip([l for l in model.layers if isinstance(l, keras.layers.Dense)], kernels):
        layer.kernel.assign(kernel)
    return model
