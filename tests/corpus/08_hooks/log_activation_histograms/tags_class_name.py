# expect: values
# message: histograms written[0]: wrong value
# message: 'Conv2d at step 0'
def log_activation_histograms(model, x, writer):
    def hook(module, inputs, output):
        writer.add_histogram(type(module).__name__, output.detach())
    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
