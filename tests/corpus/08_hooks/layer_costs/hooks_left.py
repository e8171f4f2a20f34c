# expect: hooks left behind
# message: hooks left behind: expected 0 items, got 4
def layer_costs(model, x):
    costs = OrderedDict()
    def hook(module, inputs, output, name):
        per = module.in_features if isinstance(module, nn.Linear) else module.in_channels * module.kernel_size[0] * module.kernel_size[1]
        costs[name] = (tuple(output.shape), output[0].numel() * per)
    for n, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            m.register_forward_hook(functools.partial(hook, name=n))
    with torch.no_grad():
        model(x)
    return costs
