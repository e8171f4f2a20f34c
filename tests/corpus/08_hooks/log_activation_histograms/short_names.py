# expect: values
# message: got '0 at step 0'
def log_activation_histograms(model, x, writer):
    handles = [m.register_forward_hook(lambda mod, i, o, name=n.split(".")[-1]: writer.add_histogram(name, o.detach()))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
