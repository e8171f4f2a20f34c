# expect: pass
# One row of the weight holds the products of one output element; a plain dict; torch.Size shapes.
def layer_costs(model, x):
    costs = {}
    handles = []
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            def hook(module, inputs, output, name=name):
                costs[name] = (output.shape, output[0].numel() * module.weight[0].numel())
            handles.append(module.register_forward_hook(hook))
    try:
        model(x)
    finally:
        for h in handles:
            h.remove()
    return costs
