# expect: structure
# message: expected 2 items, got 0
# Freezes by module: the root module is named "", matches no prefix, and requires_grad_(False)
# on it freezes every parameter of the model.
def freeze_except(model, trainable_prefixes):
    for name, module in model.named_modules():
        if not name.startswith(tuple(trainable_prefixes)):
            module.requires_grad_(False)
    return sorted(n for n, p in model.named_parameters() if p.requires_grad)
