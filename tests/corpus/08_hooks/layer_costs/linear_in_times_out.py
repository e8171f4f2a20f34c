# expect: values
# message: products per sample['proj']: wrong value
def layer_costs(model, x):
    costs = OrderedDict()
    def hook(module, inputs, output, name):
        if isinstance(module, nn.Linear):
            products = module.in_features * module.out_features          # ignores (N, T, F) inputs
        else:
            products = output[0].numel() * module.in_channels * module.kernel_size[0] * module.kernel_size[1]
        costs[name] = (tuple(output.shape), products)
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return costs
