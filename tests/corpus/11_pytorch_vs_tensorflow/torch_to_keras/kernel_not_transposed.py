# expect: raised
# message: your code raised ValueError
# message: is not compatible with provided weight shape
# torch's weight as it is: (out, in) does not fit a (in, out) kernel (unless the layer is square).
def torch_to_keras(mlp):
    first = next(m for m in mlp if isinstance(m, nn.Linear))
    model = keras.Sequential([keras.Input(shape=(first.in_features,))])
    for m in mlp:
        if isinstance(m, nn.Linear):
            dense = keras.layers.Dense(m.out_features, use_bias=m.bias is not None)
            model.add(dense)
            dense.set_weights([m.weight.detach().numpy()] +
                              ([m.bias.detach().numpy()] if m.bias is not None else []))
        else:
            model.add(keras.layers.ReLU())
    return model
