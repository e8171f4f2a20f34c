# expect: values
# message: expected 'classifier.1 at step 0', got 'classifier.1 at step 2'
# message: without a global_step (step 0)
def log_activation_histograms(model, x, writer):
    step = [0]
    def hook(module, inputs, output, name):
        writer.add_histogram(name, output.detach(), global_step=step[0])
        step[0] += 1
    handles = [m.register_forward_hook(functools.partial(hook, name=n))
               for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
