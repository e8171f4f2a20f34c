# expect: structure
# message: histograms written: expected 4 items
def log_activation_histograms(model, x, writer):
    handles = [m.register_forward_hook(lambda mod, i, o, name=n: writer.add_histogram(name, o.detach()))
               for n, m in model.named_modules() if n]     # ReLUs, pools and containers too
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
