# expect: pass
# Copies recorded in the hooks, logged after the forward as NumPy arrays, global_step=0 given.
def log_activation_histograms(model, x, writer):
    recorded = OrderedDict()
    handles = []
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            handles.append(module.register_forward_hook(
                lambda m, i, o, name=name: recorded.__setitem__(name, o.detach().clone())))
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    for name, out in recorded.items():
        writer.add_histogram(name, out.numpy(), global_step=0)
    writer.flush()
