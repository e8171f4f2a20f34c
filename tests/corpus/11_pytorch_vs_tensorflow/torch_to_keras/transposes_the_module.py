# expect: inputs
# message: your function modified its input mlp in place
# The transpose done in place on the torch weights: the Keras copy is right, the module is not.
def torch_to_keras(mlp):
    first = next(m for m in mlp if isinstance(m, nn.Linear))
    model = keras.Sequential([keras.Input(shape=(first.in_features,))])
    for m in mlp:
        if isinstance(m, nn.Linear):
            dense = keras.layers.Dense(m.out_features, use_bias=m.bias is not None)
            model.add(dense)
            with torch.no_grad():
                m.weight.data = m.weight.data.t().contiguous()
            dense.set_weights([m.weight.detach().numpy()] + ([m.bias.detach().numpy()] if m.bias is not None else []))
        else:
            model.add(keras.layers.ReLU())
    return model
