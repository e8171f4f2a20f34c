# expect: type
# message: products per sample['conv1']: expected an int (460800), got a float (460800.0)
def layer_costs(model, x):
    costs = OrderedDict()
    def hook(module, inputs, output, name):
        per = module.in_features if isinstance(module, nn.Linear) else module.in_channels * module.kernel_size[0] * module.kernel_size[1]
        costs[name] = (tuple(output.shape), output.numel() / output.shape[0] * per)
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return costs
