# expect: values
# message: layers, in forward order[0]: wrong value
# message: expected 'embed', got 'head'
def layer_costs(model, x):
    shapes = {}
    def hook(module, inputs, output, name):
        shapes[name] = tuple(output.shape)
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    costs = OrderedDict()
    for n, m in model.named_modules():                     # the order of definition
        if n in shapes:
            per = m.in_features if isinstance(m, nn.Linear) else m.in_channels * m.kernel_size[0] * m.kernel_size[1]
            costs[n] = (shapes[n], math.prod(shapes[n][1:]) * per)
    return costs


import math  # noqa: E402
