# expect: pass
# ReLUs folded into the Dense layers as activations, the model built with build(), the weights
# assigned to the variables directly.
def torch_to_keras(mlp):
    modules = list(mlp)
    model = keras.Sequential()
    pairs = []
    for i, m in enumerate(modules):
        if isinstance(m, nn.Linear):
            relu_next = i + 1 < len(modules) and isinstance(modules[i + 1], nn.ReLU)
            dense = keras.layers.Dense(m.out_features, activation="relu" if relu_next else None,
                                       use_bias=m.bias is not None)
            model.add(dense)
            pairs.append((dense, m))
    model.build((None, modules[0].in_features))
    for dense, m in pairs:
        dense.kernel.assign(m.weight.detach().numpy().T)
        if m.bias is not None:
            dense.bias.assign(m.bias.detach().numpy())
    return model
