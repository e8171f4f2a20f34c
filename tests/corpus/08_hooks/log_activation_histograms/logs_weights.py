# expect: values
# message: histogram contents['features.0']['num']: wrong value
# message: not its weights
def log_activation_histograms(model, x, writer):
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            writer.add_histogram(name, module.weight.detach())
