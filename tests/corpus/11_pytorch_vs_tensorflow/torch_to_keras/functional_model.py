# expect: values
# message: the result: wrong value
# message: not a keras.Sequential
# A functional keras.Model computes the same, but the contract asks for a Sequential.
def torch_to_keras(mlp):
    first = next(m for m in mlp if isinstance(m, nn.Linear))
    inputs = keras.Input(shape=(first.in_features,))
    out, copies = inputs, []
    for m in mlp:
        if isinstance(m, nn.Linear):
            dense = keras.layers.Dense(m.out_features, use_bias=m.bias is not None)
            out = dense(out)
            copies.append((dense, m))
        else:
            out = keras.layers.ReLU()(out)
    model = keras.Model(inputs, out)
    for dense, m in copies:
        dense.set_weights([m.weight.detach().numpy().T] + ([m.bias.detach().numpy()] if m.bias is not None else []))
    return model
