# expect: structure
# message: expected 7 items, got 1
# Compares the first part of the name with the prefixes: "layer4.1." never equals "layer4".
def freeze_except(model, trainable_prefixes):
    for name, p in model.named_parameters():
        if name.split(".")[0] not in trainable_prefixes:
            p.requires_grad_(False)
    return sorted(n for n, p in model.named_parameters() if p.requires_grad)
