# expect: values
# message: products per sample['conv1']: wrong value
# message: expected 460800, got 832
def layer_costs(model, x):
    costs = OrderedDict()
    def hook(module, inputs, output, name):
        costs[name] = (tuple(output.shape), sum(p.numel() for p in module.parameters()))
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return costs
