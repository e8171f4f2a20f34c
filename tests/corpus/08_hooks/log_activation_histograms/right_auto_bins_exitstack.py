# expect: pass
# Other bins (the buckets are not compared), handles held by an ExitStack, no torch.no_grad().
import contextlib


def log_activation_histograms(model, x, writer):
    def log(module, inputs, output, tag):
        writer.add_histogram(tag, output.detach().flatten(), bins="auto")

    with contextlib.ExitStack() as stack:
        for tag, module in model.named_modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                stack.enter_context(module.register_forward_hook(functools.partial(log, tag=tag)))
        model(x)
