# expect: values
# message: histograms written[0]: wrong value
# message: 'classifier/1 at step 0'
def log_activation_histograms(model, x, writer):
    hs = [m.register_forward_hook(lambda mod, i, o, n=n: writer.add_histogram(n.replace(".", "/"), o.detach())) for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad(): model(x)
    for h in hs: h.remove()
