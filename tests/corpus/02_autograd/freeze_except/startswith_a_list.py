# expect: raised
# message: startswith first arg must be str or a tuple of str, not list
def freeze_except(model, trainable_prefixes):
    for name, p in model.named_parameters():
        if not name.startswith(trainable_prefixes):
            p.requires_grad_(False)
    return sorted(n for n, p in model.named_parameters() if p.requires_grad)
