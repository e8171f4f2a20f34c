# expect: structure
# message: expected 7 items, got 14
# `in` finds "conv1" inside "layer1.0.conv1.weight" too.
def freeze_except(model, trainable_prefixes):
    for name, p in model.named_parameters():
        if not any(prefix in name for prefix in trainable_prefixes):
            p.requires_grad = False
    return sorted(name for name, p in model.named_parameters() if p.requires_grad)
