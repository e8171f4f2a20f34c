# expect: hooks left behind
# message: hooks left behind: expected 0 items, got 4
def log_activation_histograms(model, x, writer):
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            module.register_forward_hook(lambda m, i, o, name=name: writer.add_histogram(name, o.detach()))
    with torch.no_grad():
        model(x)
