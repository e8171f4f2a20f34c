# expect: values
# message: Dense kernels[0]: wrong values
# Layers added but no weights copied: the first call builds them with Keras's own random weights.
def torch_to_keras(mlp):
    model = keras.Sequential()
    for m in mlp:
        if isinstance(m, nn.Linear):
            model.add(keras.layers.Dense(m.out_features, use_bias=m.bias is not None))
        else:
            model.add(keras.layers.ReLU())
    return model
