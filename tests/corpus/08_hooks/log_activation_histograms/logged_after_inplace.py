# expect: values
# message: histogram contents['features.0']['min']: wrong value
# message: A later in-place op
def log_activation_histograms(model, x, writer):
    outputs = {}
    def hook(module, inputs, output, name):
        outputs[name] = output.detach()                    # no copy: the in-place ReLU comes later
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    for name, out in outputs.items():
        writer.add_histogram(name, out)
