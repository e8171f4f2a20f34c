# expect: values
# message: outputs on the check's inputs: wrong values
# message: a ReLU wherever the module has one
# The slides' Dense(..., activation=tf.nn.relu) written for every layer, the output layer too.
def torch_to_keras(mlp):
    linears = [m for m in mlp if isinstance(m, nn.Linear)]
    model = keras.Sequential([keras.Input(shape=(linears[0].in_features,))] +
                             [keras.layers.Dense(m.out_features, activation=tf.nn.relu, use_bias=m.bias is not None)
                              for m in linears])
    for dense, m in zip(model.layers, linears):
        dense.set_weights([m.weight.detach().numpy().T] + ([m.bias.detach().numpy()] if m.bias is not None else []))
    return model
