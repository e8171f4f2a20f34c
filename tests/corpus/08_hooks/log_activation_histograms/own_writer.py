# expect: structure
# message: histograms written: expected 4 items
# message: into the writer you are given
def log_activation_histograms(model, x, writer):
    mine = SummaryWriter(tempfile.mkdtemp())               # not the writer that was passed in
    handles = [m.register_forward_hook(lambda mod, i, o, name=n: mine.add_histogram(name, o.detach()))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    mine.close()
