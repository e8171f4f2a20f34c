# expect: values
# message: got 'Dense - ReLU - Dropout - Dense'
# message: no Dropout or other layer
# Found by a held-out tester: a Dropout layer after each ReLU (the identity at inference): the outputs match, the layers do not.
def torch_to_keras(mlp):
    # adds "harmless" Dropout layers after each ReLU (identity at inference): the contract says
    # one Dense per Linear, a ReLU wherever mlp has one, and nothing else
    model = keras.Sequential([keras.Input(shape=(mlp[0].in_features,))])
    pairs = []
    for m in mlp:
        if isinstance(m, nn.Linear):
            d = keras.layers.Dense(m.out_features, use_bias=m.bias is not None)
            model.add(d); pairs.append((d, m))
        else:
            model.add(keras.layers.ReLU())
            model.add(keras.layers.Dropout(0.5))
    for d, m in pairs:
        d.set_weights([m.weight.detach().numpy().T] + ([m.bias.detach().numpy()] if m.bias is not None else []))
    return model
