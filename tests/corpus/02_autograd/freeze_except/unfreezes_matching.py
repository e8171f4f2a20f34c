# expect: structure
# message: expected 1 items, got 2
# Sets the flag both ways: a parameter that was frozen before the call is unfrozen.
def freeze_except(model, trainable_prefixes):
    prefixes = tuple(trainable_prefixes)
    names = []
    for name, p in model.named_parameters():
        p.requires_grad = name.startswith(prefixes)
        if p.requires_grad:
            names.append(name)
    return sorted(names)
