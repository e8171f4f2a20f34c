# expect: structure
# message: layers, in forward order: expected 2 items, got 4
def layer_costs(model, x):
    costs = OrderedDict()
    def hook(module, inputs, output, name):
        costs[name] = (tuple(output.shape), output[0].numel() * module.weight[0].numel())
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if getattr(m, "weight", None) is not None]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return costs
