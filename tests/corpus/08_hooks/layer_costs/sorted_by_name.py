# expect: values
# message: layers, in forward order[0]: wrong value
def layer_costs(model, x):
    out = {}; hs = []
    for n, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            hs.append(m.register_forward_hook(lambda mod, i, o, n=n: out.__setitem__(n, (tuple(o.shape), o[0].numel() * mod.weight[0].numel()))))
    model(x)
    for h in hs: h.remove()
    return OrderedDict(sorted(out.items()))
