# expect: pass
def freeze_except(model, trainable_prefixes):
    trainable = []
    for name, param in model.named_parameters():
        if any(name.startswith(prefix) for prefix in trainable_prefixes):
            if param.requires_grad:
                trainable.append(name)
        else:
            param.requires_grad = False
    trainable.sort()
    return trainable
