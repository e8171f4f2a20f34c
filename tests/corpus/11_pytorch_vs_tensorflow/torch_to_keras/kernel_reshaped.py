# expect: values
# message: Dense kernels[0]: wrong values
# message: a Dense layer's kernel is the Linear layer's weight transposed
# reshape gives the right shape and the wrong layout: only a transpose turns (out, in) into (in, out).
def torch_to_keras(mlp):
    first = next(m for m in mlp if isinstance(m, nn.Linear))
    model = keras.Sequential([keras.Input(shape=(first.in_features,))])
    for m in mlp:
        if isinstance(m, nn.Linear):
            dense = keras.layers.Dense(m.out_features, use_bias=m.bias is not None)
            model.add(dense)
            w = m.weight.detach().numpy()
            dense.set_weights([w.reshape(m.in_features, m.out_features)] +
                              ([m.bias.detach().numpy()] if m.bias is not None else []))
        else:
            model.add(keras.layers.ReLU())
    return model
