# expect: structure
# message: missing: ['head']
# type(m) in (...) instead of isinstance: a subclass of Conv2d/Linear is missed
# (contract: "every nn.Conv2d and nn.Linear at any depth (isinstance)").
def layer_costs(model, x):
    costs = OrderedDict()
    def hook(module, inputs, output, name):
        per = module.in_features if isinstance(module, nn.Linear) else \
            module.in_channels * module.kernel_size[0] * module.kernel_size[1]
        costs[name] = (tuple(output.shape), output[0].numel() * per)
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if type(m) in (nn.Conv2d, nn.Linear)]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return costs
